/*
 * printf.c: a small printf for the guest runtime.
 * Conversions: d i u x X o c s p %; flags - 0 + space; width (also *);
 * precision for s and integers; length modifiers hh h l ll z.
 */
#include "rt.h"

struct out {
    char *buf;     /* NULL: console */
    size_t cap, len;
    char tmp[128];
    size_t tlen;
};

static void out_flush(struct out *o)
{
    if (!o->buf && o->tlen)
        sclp_write(o->tmp, o->tlen);
    o->tlen = 0;
}

static void out_char(struct out *o, char c)
{
    if (o->buf) {
        if (o->len + 1 < o->cap)
            o->buf[o->len] = c;
    } else {
        o->tmp[o->tlen++] = c;
        if (o->tlen == sizeof(o->tmp))
            out_flush(o);
    }
    o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        out_char(o, c);
}

static int do_format(struct out *o, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out_char(o, *fmt);
            continue;
        }
        fmt++;
        int left = 0, zero = 0, plus = 0, space = 0, width = 0, prec = -1, len = 0;
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') zero = 1;
            else if (*fmt == '+') plus = 1;
            else if (*fmt == ' ') space = 1;
            else break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) { left = 1; width = -width; }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    prec = prec * 10 + (*fmt++ - '0');
            }
        }
        for (;; fmt++) {
            if (*fmt == 'l') len += 2;          /* l: 2, ll: 4 */
            else if (*fmt == 'h') len -= 1;     /* h: -1, hh: -2 */
            else if (*fmt == 'z') len = 2;
            else break;
        }
        char c = *fmt;
        if (!c)
            break;
        if (c == '%') {
            out_char(o, '%');
            continue;
        }
        if (c == 'c') {
            char ch = (char)va_arg(ap, int);
            if (!left) out_pad(o, ' ', width - 1);
            out_char(o, ch);
            if (left) out_pad(o, ' ', width - 1);
            continue;
        }
        if (c == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            int n = 0;
            while (s[n] && (prec < 0 || n < prec)) n++;
            if (!left) out_pad(o, ' ', width - n);
            for (int i = 0; i < n; i++) out_char(o, s[i]);
            if (left) out_pad(o, ' ', width - n);
            continue;
        }
        unsigned long v;
        int neg = 0, base = 10, upper = 0;
        if (c == 'p') {
            v = (unsigned long)va_arg(ap, void *);
            base = 16;
            c = 'x';
        } else if (c == 'd' || c == 'i') {
            long sv;
            if (len >= 2) sv = va_arg(ap, long);
            else sv = va_arg(ap, int);
            if (len == -1) sv = (short)sv;
            if (len <= -2) sv = (signed char)sv;
            if (sv < 0) { neg = 1; v = -(unsigned long)sv; }
            else v = sv;
        } else if (c == 'u' || c == 'x' || c == 'X' || c == 'o') {
            if (len >= 2) v = va_arg(ap, unsigned long);
            else v = va_arg(ap, unsigned int);
            if (len == -1) v = (unsigned short)v;
            if (len <= -2) v = (unsigned char)v;
            if (c == 'x') base = 16;
            if (c == 'X') { base = 16; upper = 1; }
            if (c == 'o') base = 8;
        } else {
            /* unknown conversion: print it literally */
            out_char(o, '%');
            out_char(o, c);
            continue;
        }
        char digits[24];
        int nd = 0;
        const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        while (v) {
            digits[nd++] = dig[v % base];
            v /= base;
        }
        if (prec < 0 && nd == 0)
            digits[nd++] = '0';
        int nzero = prec > nd ? prec - nd : 0;
        char sign = neg ? '-' : plus ? '+' : space ? ' ' : 0;
        int total = nd + nzero + (sign ? 1 : 0);
        if (zero && !left && prec < 0) {
            nzero += width > total ? width - total : 0;
            total = width > total ? width : total;
        }
        if (!left) out_pad(o, ' ', width - total);
        if (sign) out_char(o, sign);
        out_pad(o, '0', nzero);
        while (nd) out_char(o, digits[--nd]);
        if (left) out_pad(o, ' ', width - total);
    }
    return (int)o->len;
}

int vprintf(const char *fmt, va_list ap)
{
    struct out o;
    o.buf = NULL;
    o.cap = o.len = o.tlen = 0;
    int n = do_format(&o, fmt, ap);
    out_flush(&o);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    struct out o;
    o.buf = buf;
    o.cap = n;
    o.len = o.tlen = 0;
    int r = do_format(&o, fmt, ap);
    if (n)
        buf[o.len < n ? o.len : n - 1] = 0;
    return r;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int puts(const char *s)
{
    sclp_write(s, strlen(s));
    sclp_write("\n", 1);
    return 0;
}

int putchar(int c)
{
    char ch = (char)c;
    sclp_write(&ch, 1);
    return c;
}
