/* pppd-standin (pppd_standin.h, PPPD-STANDIN.md): host/ppp's ppp_link on
 * the pty xl2tpd gives pppd, async HDLC per RFC 1662 §4 (FCS-16, every
 * control octet escaped on transmit, nothing discarded on receive: a pty
 * inserts no flow-control octets), on the wall clock. LNS side when the
 * options say `auth` (xl2tpd's "require authentication"), client side
 * otherwise. Exits when LCP is down again after having come up, when the
 * pty hangs up, or on SIGTERM/SIGHUP/SIGINT (xl2tpd's call teardown), as
 * pppd does. Nothing is written to stdout: it is the pty. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include "hdlc.h"
#include "ppp_const.h"
#include "ppp_link.h"
#include "pppd_standin.h"

#define FRAME_MAX 1600
#define PING_SIZE 84             /* ping(8)'s default: 56 data octets */
#define PING_GAP_US (200 * USEC_PER_MSEC)
#define CLOSE_GRACE_US (1 * USEC_PER_SEC)  /* Terminate-Ack wait after a signal */

struct standin {
    struct standin_opts o;
    struct standin_secrets sec;
    struct ppp_aaa aaa;
    struct timer_queue tq;
    struct debug_log log;
    FILE *logf;
    int fd;
    struct ppp_link link;
    bool link_ready;
    struct hdlc_rx rx;
    uint8_t rx_buf[FRAME_MAX + 8];
    bool was_up, done;
    int exit_code;
    struct timer ping_timer, close_timer;
    unsigned pings_sent, replies;
    uint16_t ping_id;
};

static void log_sink(void *ctx, const char *line)
{
    struct standin *s = ctx;
    fprintf(s->logf, "%s\n", line);
    fflush(s->logf);
}

/* Our own lines (not PPP's), in the same timestamped form. */
static void say(struct standin *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct standin *s, const char *fmt, ...)
{
    char text[256], ts[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(s->logf, "%s: pppd-standin: %s\n",
            debug_timestamp(&s->log, timer_now(&s->tq), ts, sizeof ts), text);
    fflush(s->logf);
}

static void link_send(void *ctx, const uint8_t *frame, size_t len)
{
    struct standin *s = ctx;
    if (len + 2 > FRAME_MAX)
        return;
    uint8_t ppp[FRAME_MAX];
    ppp[0] = PPP_ALLSTATIONS;   /* RFC 1662 §3.1: address and control, never compressed */
    ppp[1] = PPP_UI;
    memcpy(ppp + 2, frame, len);
    struct hdlc_tx_config tx = {.accm = PPP_DEFAULT_ACCM, .fcs = HDLC_FCS_16,
                                .opening_flag = true};
    uint8_t out[2 * FRAME_MAX + 16];
    size_t n = 0;
    if (hdlc_encode(&tx, ppp, len + 2, out, sizeof out, &n, NULL) != PROTO_OK)
        return;
    for (size_t off = 0; off < n;) {
        ssize_t w = write(s->fd, out + off, n - off);
        if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
            struct pollfd p = {.fd = s->fd, .events = POLLOUT};
            (void)poll(&p, 1, 100);
            continue;
        }
        if (w <= 0) {
            say(s, "write to the pty failed: %s", strerror(errno));
            s->done = true;
            return;
        }
        off += (size_t)w;
    }
}

static void link_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    size_t got = 0;
    while (got < len) {
        ssize_t r = getrandom(buf + got, len - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
}

static int link_pool(void *ctx, uint32_t requested, uint32_t *addr)
{
    struct standin *s = ctx;
    (void)requested;
    if (!s->o.remote_ip)
        return -1;   /* pppd gives no address without LOCAL:REMOTE or ip-up help */
    *addr = s->o.remote_ip;
    return 0;
}

static void link_ip(void *ctx, const uint8_t *pkt, size_t len)
{
    struct standin *s = ctx;
    char a[16];
    uint16_t seq;
    if (s->link.cfg.role == PPP_ROLE_CLIENT) {
        if (standin_icmp_is_reply(pkt, len, s->link.ipcp.got.address, &seq)) {
            s->replies++;
            say(s, "ICMP echo reply from %s seq %u", ipcp_addr_str(s->link.ipcp.his.address, a,
                                                                  sizeof a), seq);
            if (s->replies == s->o.ping_count)
                say(s, "ping %s: all %u echo replies", a, s->replies);
        }
        return;
    }
    uint8_t rep[FRAME_MAX];
    if (len > sizeof rep)
        return;
    memcpy(rep, pkt, len);
    size_t n = standin_icmp_reply(rep, len, s->link.ipcp.got.address);
    if (!n)
        return;
    uint32_t to = (uint32_t)rep[16] << 24 | (uint32_t)rep[17] << 16 | (uint32_t)rep[18] << 8 |
                  rep[19];
    say(s, "ICMP echo request from %s answered", ipcp_addr_str(to, a, sizeof a));
    (void)ppp_link_send_ip(&s->link, rep, n, NULL);
}

static void link_phase(void *ctx, enum ppp_phase phase)
{
    struct standin *s = ctx;
    if (phase == PPP_PHASE_NETWORK)
        s->was_up = true;
    if (phase == PPP_PHASE_DEAD && s->link_ready) {
        say(s, "link is down%s", s->was_up ? "" : " before it came up");
        s->exit_code = s->was_up ? 0 : 1;
        s->done = true;
    }
}

/* Client side: ICMP echo to the address the peer took in IPCP, once IPCP
 * is open, PING_GAP_US apart. */
static void ping_tick(void *ctx)
{
    struct standin *s = ctx;
    if (s->pings_sent < s->o.ping_count && ppp_link_ipcp_open(&s->link) &&
        s->link.ipcp.his.address) {
        uint8_t p[PING_SIZE];
        char a[16];
        size_t n = standin_icmp_echo(p, sizeof p, s->link.ipcp.got.address,
                                     s->link.ipcp.his.address, s->ping_id,
                                     (uint16_t)(s->pings_sent + 1), sizeof p);
        if (n && ppp_link_send_ip(&s->link, p, n, NULL) == PROTO_OK) {
            s->pings_sent++;
            say(s, "ICMP echo request to %s seq %u",
                ipcp_addr_str(s->link.ipcp.his.address, a, sizeof a), s->pings_sent);
        }
    }
    if (s->pings_sent < s->o.ping_count)
        (void)timer_arm(&s->tq, &s->ping_timer, PING_GAP_US);
}

static void close_expired(void *ctx)
{
    struct standin *s = ctx;
    s->done = true;
}

static void rx_frame(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len)
{
    struct standin *s = ctx;
    if (ev == HDLC_RX_FRAME)
        (void)ppp_link_input(&s->link, frame, len, NULL);
}

static int open_tty(struct standin *s, char *err, size_t cap)
{
    s->fd = s->o.device[0] ? open(s->o.device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
                           : dup(STDIN_FILENO);
    if (s->fd < 0) {
        snprintf(err, cap, "cannot open %s: %s", s->o.device[0] ? s->o.device : "stdin",
                 strerror(errno));
        return -1;
    }
    (void)fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
    /* A pty starts cooked with echo: PPP needs every octet as sent. */
    struct termios t;
    if (isatty(s->fd) && tcgetattr(s->fd, &t) == 0) {
        cfmakeraw(&t);
        if (tcsetattr(s->fd, TCSANOW, &t) != 0) {
            snprintf(err, cap, "cannot make %s raw: %s", s->o.device, strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int start_link(struct standin *s, char *err, size_t cap)
{
    bool lns = s->o.auth;
    const char *name = s->o.user[0] ? s->o.user : s->o.name;
    if (!name[0]) {
        snprintf(err, cap, "no name: give `name NAME` (LNS side) or `user NAME` (client)");
        return -1;
    }
    snprintf(s->sec.our_name, sizeof s->sec.our_name, "%s", s->o.name[0] ? s->o.name : name);
    s->sec.password = s->o.have_password ? s->o.password : NULL;
    standin_secrets_aaa(&s->sec, &s->aaa);
    struct ppp_link_config c;
    memset(&c, 0, sizeof c);
    c.role = lns ? PPP_ROLE_LNS : PPP_ROLE_CLIENT;
    c.ifname = "ppp0";
    c.hostname = lns ? s->sec.our_name : name;
    c.lcp.magic = true;
    c.lcp_fsm.passive = s->o.passive && !s->o.active;
    c.lcp_fsm.restart_us = (uint64_t)s->o.lcp_restart_s * USEC_PER_SEC;
    c.ipcp_fsm.restart_us = (uint64_t)s->o.ipcp_restart_s * USEC_PER_SEC;
    c.lcp_fsm.first_id = 1;
    c.ipcp_fsm.first_id = 1;
    c.chap_first_id = 1;
    c.ipcp.request_address = lns ? s->o.local_ip != 0 : true;
    c.ipcp.address = s->o.local_ip;
    if (lns) {
        c.lcp.auth_protocol = PPP_PROTO_CHAP;
        c.ipcp.server = true;
    } else {
        c.lcp.allow_chap = true;
        c.lcp.allow_pap = true;
    }
    struct ppp_link_callbacks cb = {.ctx = s, .send = link_send, .random = link_random,
                                    .address_pool = link_pool, .ip_input = link_ip,
                                    .phase_changed = link_phase};
    struct proto_error pe = {0};
    if (ppp_link_init(&s->link, &c, &cb, &s->aaa, &s->tq, &s->log, &pe) != PROTO_OK) {
        proto_error_format(&pe, err, cap);
        return -1;
    }
    struct hdlc_rx_config rx = {.accm = 0, .fcs = HDLC_FCS_16, .mru = FRAME_MAX};
    if (hdlc_rx_init(&s->rx, &rx, s->rx_buf, sizeof s->rx_buf) != PROTO_OK) {
        ppp_link_stop(&s->link);
        snprintf(err, cap, "HDLC deframer: bad configuration");
        return -1;
    }
    s->link_ready = true;
    say(s, "%s side as %s on %s", lns ? "LNS" : "client", lns ? s->sec.our_name : name,
        s->o.device[0] ? s->o.device : "stdin");
    ppp_link_start(&s->link);
    if (s->o.ping_count)
        (void)timer_arm(&s->tq, &s->ping_timer, PING_GAP_US);
    return 0;
}

static int signals_fd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    if (sigprocmask(SIG_BLOCK, &set, NULL))
        return -1;
    return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static void run(struct standin *s, int sfd)
{
    while (!s->done) {
        uint64_t next = timer_queue_next(&s->tq), now = timer_now(&s->tq);
        int ms = next == TIMER_NEVER ? 1000
                 : next <= now       ? 0
                                     : (int)((next - now + 999) / 1000);
        struct pollfd p[2] = {{.fd = s->fd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
        if (poll(p, 2, ms) < 0 && errno != EINTR)
            break;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            uint8_t buf[4096];
            ssize_t r = read(s->fd, buf, sizeof buf);
            if (r > 0) {
                hdlc_rx_push(&s->rx, buf, (size_t)r, rx_frame, s);
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                say(s, "hangup on %s", s->o.device[0] ? s->o.device : "stdin");
                ppp_link_lower_down(&s->link);
                s->done = true;
            }
        }
        if (p[1].revents & POLLIN) {
            struct signalfd_siginfo si;
            if (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
                say(s, "terminating on signal %u", si.ssi_signo);
                s->exit_code = 5;   /* pppd(8): "pppd was terminated by a signal" */
                ppp_link_close(&s->link);
                if (!s->close_timer.armed)
                    (void)timer_arm(&s->tq, &s->close_timer, CLOSE_GRACE_US);
            }
        }
        timer_queue_run(&s->tq);
    }
}

int main(int argc, char **argv)
{
    static struct standin s;   /* one per process; too big for the stack */
    char err[300] = "";
    s.logf = stderr;
    s.exit_code = 1;
    if (standin_opts_parse(&s.o, argc - 1, argv + 1, err, sizeof err)) {
        fprintf(stderr, "pppd-standin: %s\n", err);
        return 2;   /* pppd(8): "an error was detected in processing the options" */
    }
    if (s.o.logfile[0]) {
        s.logf = fopen(s.o.logfile, "a");
        if (!s.logf) {
            fprintf(stderr, "pppd-standin: cannot open logfile %s\n", s.o.logfile);
            return 2;
        }
    }
    if (standin_secrets_load(&s.sec, s.o.secrets, err, sizeof err)) {
        fprintf(s.logf, "pppd-standin: %s\n", err);
        return 2;
    }
    if (timer_queue_init(&s.tq, CLOCK_WALL)) {
        fprintf(s.logf, "pppd-standin: out of memory\n");
        return 1;
    }
    debug_log_init(&s.log, &s.tq, log_sink, &s);
    debug_enable(&s.log, DBG_PPP_NEGOTIATION, true);
    debug_enable(&s.log, DBG_PPP_AUTH, true);
    debug_enable(&s.log, DBG_AAA, true);
    timer_init(&s.ping_timer, "ping", ping_tick, &s);
    timer_init(&s.close_timer, "close", close_expired, &s);
    link_random(NULL, (uint8_t *)&s.ping_id, sizeof s.ping_id);
    int sfd = signals_fd();
    if (sfd < 0 || open_tty(&s, err, sizeof err) || start_link(&s, err, sizeof err)) {
        fprintf(s.logf, "pppd-standin: %s\n", err[0] ? err : "cannot block signals");
        timer_queue_free(&s.tq);
        return 1;
    }
    run(&s, sfd);
    timer_cancel(&s.tq, &s.ping_timer);
    timer_cancel(&s.tq, &s.close_timer);
    ppp_link_stop(&s.link);
    say(&s, "exit %d", s.exit_code);
    timer_queue_free(&s.tq);
    close(s.fd);
    close(sfd);
    if (s.logf != stderr)
        fclose(s.logf);
    return s.exit_code;
}
