/*
 * sclp_errors.c: SERVICE CALL (SERVC) and the SCLP's error paths, compared
 * with QEMU. The SCLP is not in the Principles of Operation; QEMU's
 * hw/s390x/sclp.c and event-facility.c are the reference (and what Linux is
 * written against).
 *
 * Program exceptions (the request is not accepted, nothing is stored):
 * privileged operation in the problem state; addressing for an SCCB outside
 * storage (QEMU checks this first: an SCCB above 2 GiB in a 128 MiB guest
 * is an addressing exception, not a specification exception); specification
 * for an SCCB not on a doubleword, in the low 8 KiB, in the prefix area, or
 * with a length below 8. Response codes (the request completes): unknown
 * command 0x01F0 (checked before the boundary), an SCCB crossing a 4 KiB
 * boundary 0x0100, Read SCP Info too short 0x0300 and normal 0x0010 with the
 * storage size, Write Event Mask with a bad mask length 0x74F0, Read Event
 * Data with nothing pending 0x60F0 (not a full page: 0x0300; bad function
 * code 0x40F0; selective read outside the receive mask 0x70F0), Write Event
 * Data with an event buffer longer than the SCCB or shorter than its header
 * 0x73F0 (QEMU never reports 0x72F0, "inconsistent lengths": a buffer that
 * runs past the SCCB is a syntax error there), a function code other than 0
 * 0x40F0, an event type nobody takes 0x40F0, no event buffers at all 0x0020.
 */
#include "rt.h"

#define CMD_READ_SCP_INFO 0x00020001u
#define CMD_READ_SCP_INFO_FORCED 0x00120001u
#define CMD_READ_CPU_INFO 0x00010001u
#define CMD_WRITE_EVENT_MASK 0x00780005u
#define CMD_WRITE_EVENT_DATA 0x00760005u
#define CMD_READ_EVENT_DATA 0x00770005u
#define CMD_UNKNOWN 0x00aa0001u

#define MEMORY_SIZE (128ul << 20)   /* scripts/guest-tests.sh: --memory / -m 128M */

struct hdr {
    u16 length;
    u8 function;
    u8 control[3];
    u16 response;
} __attribute__((packed));

static u8 buf[2][4096] __attribute__((aligned(4096)));
static u8 newpfx[8192] __attribute__((aligned(8192)));

static int servc(u32 cmd, u64 sccb)
{
    int cc;
    __asm__ volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n\t"
                     "ipm %[cc]\n\tsrl %[cc],28"
                     : [cc] "=&d"(cc)
                     : [cmd] "d"((u64)cmd), [sccb] "d"(sccb)
                     : "cc", "memory");
    return cc;
}

static struct hdr *prepare(void *at, u16 length)
{
    struct hdr *h = at;
    memset(at, 0, length < 4096 ? length : 4096);
    h->length = length;
    h->response = 0xeeee;
    return h;
}

/* a request expected to complete: cc 0 and a response code */
static u16 request(const char *what, u32 cmd, struct hdr *h, u16 expected)
{
    int cc = servc(cmd, (u64)h);
    printf("%s: cc%d response %04x length %u\n", what, cc, h->response, h->length);
    check(what, (u64)cc, 0);
    check(what, h->response, expected);
    return h->response;
}

/* a request expected to be refused with a program exception */
static void refused(const char *what, u32 cmd, u64 sccb, unsigned code)
{
    PGM_EXPECT(what, code, servc(cmd, sccb));
    if (rt_last_pgm.code == code)
        check(what, rt_last_pgm.ilc, 4);
}

static void program_exceptions(void)
{
    printf("# program exceptions\n");
    struct hdr *h = prepare(buf[0], 4096);
    refused("sccb not on a doubleword", CMD_READ_SCP_INFO, (u64)h + 4, 0x0006);
    refused("sccb on a word boundary in the last page", CMD_READ_SCP_INFO, (u64)h + 0xffc, 0x0006);
    check("refused: response untouched", h->response, 0xeeee);
    refused("sccb at 0", CMD_READ_SCP_INFO, 0, 0x0006);
    refused("sccb in the low 8 KiB (0x1000)", CMD_READ_SCP_INFO, 0x1000, 0x0006);
    refused("sccb at 0x1ff8", CMD_READ_SCP_INFO, 0x1ff8, 0x0006);
    refused("sccb at 2 GiB (no storage there)", CMD_READ_SCP_INFO, 0x80000000ul, 0x0005);
    refused("sccb beyond storage, below 2 GiB", CMD_READ_SCP_INFO, MEMORY_SIZE, 0x0005);
    refused("sccb above 4 GiB", CMD_READ_SCP_INFO, 0x100000000ul, 0x0005);
    h->length = 7;
    refused("sccb length 7", CMD_READ_SCP_INFO, (u64)h, 0x0006);
    h->length = 0;
    refused("sccb length 0", CMD_WRITE_EVENT_DATA, (u64)h, 0x0006);
    check("refused: response untouched", h->response, 0xeeee);

    /* with a prefix other than 0: the prefix area and the low 8 KiB */
    volatile u8 *lc = lowcore();
    for (int i = 0; i < 8192; i++)
        newpfx[i] = lc[i];
    u32 p = (u32)(u64)newpfx, zero = 0;
    __asm__ volatile("spx %0" : : "Q"(p) : "memory");
    prepare(newpfx + 0x1800, 64);
    refused("sccb in the prefix area", CMD_READ_SCP_INFO, (u64)newpfx + 0x1800, 0x0006);
    refused("sccb in the low 8 KiB, prefix elsewhere", CMD_READ_SCP_INFO, 0x1800, 0x0006);
    __asm__ volatile("spx %0" : : "Q"(zero) : "memory");

    /* problem state: privileged operation (SVC 1 returns to supervisor state) */
    {
        static u64 psw[2] __attribute__((aligned(8)));
        h = prepare(buf[0], 4096);
        PGM_EXPECT("servc in the problem state", 0x0002,
                   __asm__ volatile("larl %%r1,0f\n\t"
                                    "stg %%r1,8(%[p])\n\t"
                                    "llihh %%r1,0x0001\n\t"
                                    "oihl %%r1,0x0001\n\t"
                                    "oilh %%r1,0x8000\n\t"
                                    "stg %%r1,0(%[p])\n\t"
                                    "lpswe 0(%[p])\n"
                                    "0:\t.insn rre,0xb2200000,%[cmd],%[s]\n\t"
                                    "svc 1"
                                    : : [p] "a"(psw), [cmd] "d"((u64)CMD_READ_SCP_INFO), [s] "d"(h)
                                    : "r1", "cc", "memory"));
        check("problem state: response untouched", h->response, 0xeeee);
    }
}

static void responses(void)
{
    printf("# response codes\n");
    struct hdr *h = prepare(buf[0], 64);
    request("unknown command", CMD_UNKNOWN, h, 0x01f0);
    /* 64 bytes from 16 bytes before the end of a page */
    h = prepare(buf[0] + 4096 - 16, 16);
    h->length = 64;
    request("write event mask crossing a page", CMD_WRITE_EVENT_MASK, h, 0x0100);
    h->length = 64;
    request("unknown command crossing a page (command first)", CMD_UNKNOWN, h, 0x01f0);
    h = prepare(buf[0], 4096);
    h->length = 4097;
    request("length 4097", CMD_WRITE_EVENT_MASK, h, 0x0100);
}

static void read_info(void)
{
    printf("# read scp info\n");
    struct hdr *h = prepare(buf[0], 16);
    request("read scp info, length 16", CMD_READ_SCP_INFO, h, 0x0300);
    h = prepare(buf[0], 4096);
    request("read scp info", CMD_READ_SCP_INFO, h, 0x0010);
    u8 *b = buf[0];
    u16 rnmax = *(u16 *)(b + 8);
    u8 rnsize = b[10];
    u16 ncpu = *(u16 *)(b + 16);
    u16 offcpu = *(u16 *)(b + 18);
    u16 highest = *(u16 *)(b + 120);
    u32 rnsize2 = *(u32 *)(b + 100);
    u64 rnmax2 = *(u64 *)(b + 104);
    /* (the CPU entries' offset is not printed: QEMU 7.2 puts them at 128,
     * s390host at 144 after the fields up to byte 143; Linux reads the
     * offset from the SCCB) */
    printf("rnmax %u rnsize %u rnsize2 %u rnmax2 %lu cpus %u highest %u\n",
           rnmax, rnsize, rnsize2, rnmax2, ncpu, highest);
    printf("cpu entry 0: address %u\n", b[offcpu]);
    u64 incr = rnsize ? rnsize : rnsize2;
    u64 n = rnmax ? rnmax : rnmax2;
    u64 size = n * incr << 20;
    printf("storage size: %lu MiB\n", size >> 20);
    check("storage size from read scp info", size, MEMORY_SIZE);
    check("one cpu", ncpu, 1);
    /* the size agrees with storage: the last frame exists, the next does not */
    PGM_EXPECT("iske at size - 4096", 0,
               __asm__ volatile("iske %%r1,%0" : : "a"(size - 4096) : "r1"));
    PGM_EXPECT("iske at size", 0x0005, __asm__ volatile("iske %%r1,%0" : : "a"(size) : "r1"));
    h = prepare(buf[0], 4096);
    request("read scp info forced", CMD_READ_SCP_INFO_FORCED, h, 0x0010);
    h = prepare(buf[0], 4096);
    request("read cpu info", CMD_READ_CPU_INFO, h, 0x0010);
    printf("configured cpus %u, standby %u\n", *(u16 *)(buf[0] + 8), *(u16 *)(buf[0] + 12));
    check("read cpu info: one configured cpu", *(u16 *)(buf[0] + 8), 1);
}

struct wem {
    struct hdr h;
    u16 reserved;
    u16 mask_length;
    u8 masks[];
} __attribute__((packed));

static void event_mask(void)
{
    printf("# write event mask\n");
    struct wem *m = (struct wem *)prepare(buf[0], 4096);
    m->h.length = 12 + 4 * 4;
    m->mask_length = 0;
    request("mask length 0", CMD_WRITE_EVENT_MASK, &m->h, 0x74f0);
    m = (struct wem *)prepare(buf[0], 4096);
    m->mask_length = 1022;
    request("mask length 1022", CMD_WRITE_EVENT_MASK, &m->h, 0x74f0);
    /* an 8-byte mask: we send VT220 data (type 0x1A), receive nothing */
    m = (struct wem *)prepare(buf[0], 12 + 4 * 8);
    m->mask_length = 8;
    m->masks[8 + 3] = 0x40;              /* cp send mask: bit 25 = type 0x1A */
    request("mask length 8", CMD_WRITE_EVENT_MASK, &m->h, 0x0020);
    printf("sclp receive mask has vt220: %d, sclp send mask has vt220: %d\n",
           (m->masks[16 + 3] & 0x40) != 0, (m->masks[24 + 3] & 0x40) != 0);
    check("sclp receives vt220", (m->masks[16 + 3] & 0x40) != 0, 1);
    sclp_setup();                         /* the runtime's console mask again */
}

static void read_events(void)
{
    printf("# read event data\n");
    struct hdr *h = prepare(buf[0], 4096);
    request("nothing pending", CMD_READ_EVENT_DATA, h, 0x60f0);
    h = prepare(buf[0], 4096);
    h->control[2] = 0x80;
    request("nothing pending, variable length", CMD_READ_EVENT_DATA, h, 0x60f0);
    printf("   control byte 2 now %02x\n", h->control[2]);
    check("variable length: header only", h->length, 8);
    check("variable-length bit reset", h->control[2], 0);
    h = prepare(buf[0], 2048);
    request("length 2048", CMD_READ_EVENT_DATA, h, 0x0300);
    h = prepare(buf[0], 4096);
    h->function = 0x55;
    request("function code 0x55", CMD_READ_EVENT_DATA, h, 0x40f0);
    /* selective read (function 1) naming a type the program does not
     * receive (the runtime's receive mask is empty) */
    h = prepare(buf[0], 4096);
    h->function = 1;
    buf[0][8 + 3] = 0x40;
    request("selective read outside the receive mask", CMD_READ_EVENT_DATA, h, 0x70f0);
}

struct ev {
    u16 length;
    u8 type;
    u8 flags;
    u16 reserved;
} __attribute__((packed));

static void write_events(void)
{
    printf("# write event data\n");
    struct hdr *h = prepare(buf[0], 8);
    request("no event buffers", CMD_WRITE_EVENT_DATA, h, 0x0020);
    /* an event buffer that claims more than the SCCB holds */
    h = prepare(buf[0], 8 + 6 + 4);
    struct ev *e = (struct ev *)(buf[0] + 8);
    e->length = 0x100;
    e->type = 0x1a;
    request("event buffer longer than the sccb", CMD_WRITE_EVENT_DATA, h, 0x73f0);
    h = prepare(buf[0], 8 + 6 + 4);
    e->length = 4;
    e->type = 0x1a;
    request("event buffer shorter than its header", CMD_WRITE_EVENT_DATA, h, 0x73f0);
    /* two buffers whose lengths leave 3 bytes over */
    h = prepare(buf[0], 8 + 7 + 7 + 3);
    e->length = 7;
    e->type = 0x1a;
    ((u8 *)e)[6] = '\n';
    struct ev *e2 = (struct ev *)(buf[0] + 8 + 7);
    e2->length = 7;
    e2->type = 0x1a;
    ((u8 *)e2)[6] = '\n';
    request("3 bytes after the last buffer", CMD_WRITE_EVENT_DATA, h, 0x73f0);
    h = prepare(buf[0], 8 + 6 + 1);
    h->function = 0x01;
    e->length = 7;
    e->type = 0x1a;
    ((u8 *)e)[6] = '\n';
    request("function code 1", CMD_WRITE_EVENT_DATA, h, 0x40f0);
    h = prepare(buf[0], 8 + 6 + 1);
    e->length = 7;
    e->type = 0x55;
    request("event type nobody takes", CMD_WRITE_EVENT_DATA, h, 0x40f0);
    check("not accepted: flags", e->flags & 0x80, 0);
    h = prepare(buf[0], 8 + 6 + 1);
    e->length = 7;
    e->type = 0x1a;
    ((u8 *)e)[6] = '\n';
    request("one vt220 newline", CMD_WRITE_EVENT_DATA, h, 0x0020);
    printf("   accepted flag: %d\n", (e->flags & 0x80) != 0);
    check("accepted: flags", e->flags & 0x80, 0x80);
}

int main(void)
{
    program_exceptions();
    responses();
    read_info();
    event_mask();
    read_events();
    write_events();
    return 0;
}
