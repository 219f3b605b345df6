/*
 * sclp.c: console output through the SCLP event facility.
 *
 * SERVC (B220) with command Write Event Mask (0x00780005) once, announcing
 * that we send VT220 (event type 0x1A) and message (0x02) events; then
 * Write Event Data (0x00760005) with one VT220 event buffer per flush.
 * The service-signal external interruption that follows each SERVC is left
 * pending (the runtime runs disabled); completion is found by polling the
 * SCCB response code.
 */
#include "rt.h"

#define SCLP_CMD_WRITE_EVENT_MASK 0x00780005u
#define SCLP_CMD_WRITE_EVENT_DATA 0x00760005u
#define SCLP_RC_NORMAL_COMPLETION 0x0020
#define EVTYP_MSG 0x02
#define EVTYP_VT220 0x1a
#define EVMASK(t) (0x80000000u >> ((t) - 1))

struct sccb_header {
    u16 length;
    u8 function_code;
    u8 control_mask[3];
    u16 response_code;
} __attribute__((packed));

struct write_event_mask {
    struct sccb_header h;
    u16 reserved;
    u16 mask_length;
    u32 cp_receive_mask;   /* events we receive */
    u32 cp_send_mask;      /* events we send */
    u32 sclp_receive_mask; /* filled in by the SCLP */
    u32 sclp_send_mask;
} __attribute__((packed));

struct event_header {
    u16 length;
    u8 type;
    u8 flags;
    u16 reserved;
} __attribute__((packed));

/* line-mode message: MDB with one GO and one MTO */
struct lm_message {
    struct sccb_header h;
    struct event_header ev;   /* type 0x02 */
    /* message data block */
    u16 mdb_length;
    u16 mdb_type;             /* 0x0001 */
    u32 mdb_tag;              /* 0xD4C4C240 "MDB " */
    u32 mdb_revision;         /* 1 */
    /* general object */
    u16 go_length;
    u16 go_type;              /* 0x0001 */
    u8 go_rest[44];
    /* message text object */
    u16 mto_length;
    u16 mto_type;             /* 0x0004 */
    u32 mto_line_type_flags;  /* 0x10000000: data */
    u8 text[];
} __attribute__((packed));

static u8 sccb[4096] __attribute__((aligned(4096)));
static char outbuf[2048];
static size_t outlen;
static int ready;
int sclp_vt220 = 1;
unsigned long sclp_servc_count;

static int servc(u32 cmd, void *p)
{
    int cc;
    __asm__ volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n\t"
                     "ipm %[cc]\n\tsrl %[cc],28"
                     : [cc] "=&d"(cc)
                     : [cmd] "d"((u64)cmd), [sccb] "d"(p)
                     : "cc", "memory");
    return cc;
}

/* Issue a command and poll for its completion; returns the response code. */
static u16 sclp_call(u32 cmd)
{
    volatile struct sccb_header *h = (volatile struct sccb_header *)sccb;
    int cc;
    h->response_code = 0;
    do {
        cc = servc(cmd, sccb);
    } while (cc == 2); /* busy */
    sclp_servc_count++;
    if (cc != 0)
        return 0xffff;
    while (h->response_code == 0)
        ;
    return h->response_code;
}

void sclp_setup(void)
{
    struct write_event_mask *m = (struct write_event_mask *)sccb;
    memset(sccb, 0, sizeof(struct write_event_mask));
    m->h.length = sizeof(struct write_event_mask);
    m->mask_length = 4;
    m->cp_receive_mask = 0;
    m->cp_send_mask = EVMASK(EVTYP_VT220) | EVMASK(EVTYP_MSG);
    sclp_call(SCLP_CMD_WRITE_EVENT_MASK);
    ready = 1;
}

static void flush_vt220(void)
{
    struct sccb_header *h = (struct sccb_header *)sccb;
    struct event_header *ev = (struct event_header *)(sccb + sizeof(*h));
    memset(sccb, 0, sizeof(*h) + sizeof(*ev));
    memcpy(sccb + sizeof(*h) + sizeof(*ev), outbuf, outlen);
    ev->length = sizeof(*ev) + outlen;
    ev->type = EVTYP_VT220;
    h->length = sizeof(*h) + ev->length;
    sclp_call(SCLP_CMD_WRITE_EVENT_DATA);
}

/* line mode: one message per line, without the newline */
static void flush_linemode(void)
{
    struct lm_message *m = (struct lm_message *)sccb;
    size_t n = outlen;
    if (n && outbuf[n - 1] == '\n')
        n--;
    memset(sccb, 0, sizeof(*m));
    memcpy(m->text, outbuf, n);
    m->mto_length = 8 + n;
    m->mto_type = 0x0004;
    m->mto_line_type_flags = 0x10000000;
    m->go_length = 48;
    m->go_type = 0x0001;
    m->mdb_length = 12 + 48 + m->mto_length;
    m->mdb_type = 0x0001;
    m->mdb_tag = 0xD4C4C240;
    m->mdb_revision = 1;
    m->ev.length = sizeof(m->ev) + m->mdb_length;
    m->ev.type = EVTYP_MSG;
    m->h.length = sizeof(m->h) + m->ev.length;
    sclp_call(SCLP_CMD_WRITE_EVENT_DATA);
}

void sclp_flush(void)
{
    if (!outlen)
        return;
    if (!ready)
        sclp_setup();
    if (sclp_vt220)
        flush_vt220();
    else
        flush_linemode();
    outlen = 0;
}

void sclp_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        outbuf[outlen++] = s[i];
        if (s[i] == '\n' || outlen == sizeof(outbuf))
            sclp_flush();
    }
}
