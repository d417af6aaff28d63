/* pppd-standin: a PPP peer built from host/ppp that takes pppd's place
 * behind xl2tpd (host/tools/PPPD-STANDIN.md). xl2tpd hands pppd a pty
 * carrying async HDLC (RFC 1662 §4); this tool speaks PPP over it as the
 * LNS side (authenticator, IPCP server, answers ICMP echo to its address)
 * or as the client (authenticates, takes an address, sends ICMP echo). It
 * reads the pppd options xl2tpd passes and pppd's chap-secrets file. */
#ifndef PPPD_STANDIN_H
#define PPPD_STANDIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ppp_aaa.h"

#define STANDIN_NAME_MAX 64
#define STANDIN_SECRET_MAX 128
#define STANDIN_PATH_MAX 256
#define STANDIN_SECRETS_MAX 32

/* What the command line (and `file` option files) asked for. */
struct standin_opts {
    char device[STANDIN_PATH_MAX];      /* the tty ("" : use stdin) */
    bool passive;                       /* LCP passive open (pppd `passive`) */
    bool auth;                          /* we authenticate the peer: LNS side */
    bool require_chap;                  /* (CHAP is the only method we ask for) */
    char name[STANDIN_NAME_MAX];        /* `name`: our CHAP name */
    char user[STANDIN_NAME_MAX];        /* `user`: the name we authenticate as */
    char password[STANDIN_SECRET_MAX];  /* `password` or read from `passwordfd` */
    bool have_password;
    uint32_t local_ip, remote_ip;       /* `L:R` (host order, 0: not given) */
    char logfile[STANDIN_PATH_MAX];     /* `logfile`: our debug lines ("" : stderr) */
    char secrets[STANDIN_PATH_MAX];     /* chap-secrets file */
    unsigned lcp_restart_s, ipcp_restart_s;  /* `lcp-restart`, `ipcp-restart` (0: 3 s) */
    bool active;                        /* `standin-active`: open LCP even when `passive`
                                           (a LAC's user has LCP open already and waits) */
    unsigned ping_count;                /* `standin-ping N`: echo requests to the peer */
    unsigned ignored;                   /* pppd options we accept and do not act on */
};

/* Parses pppd's argv (argv[0] excluded); `file PATH` reads further options
 * from PATH (pppd's syntax: words, # comments, "quoted words"). Returns 0,
 * or -1 with why in err. */
int standin_opts_parse(struct standin_opts *o, int argc, char **argv, char *err, size_t cap);

/* One chap-secrets line (pppd(8) "AUTHENTICATION": client server secret
 * [addresses]); "*" matches any name. */
struct standin_secret {
    char client[STANDIN_NAME_MAX], server[STANDIN_NAME_MAX];
    char secret[STANDIN_SECRET_MAX];
};

struct standin_secrets {
    struct standin_secret e[STANDIN_SECRETS_MAX];
    size_t n;
    char our_name[STANDIN_NAME_MAX];    /* the server column we match as authenticator */
    const char *password;               /* client: from the options, wins over the file */
};

/* Reads a chap-secrets file. A missing file is an empty list. Returns 0,
 * or -1 with why (a line that cannot be parsed, too many entries). */
int standin_secrets_load(struct standin_secrets *s, const char *path, char *err, size_t cap);
/* The PPP AAA interface (host/ppp/ppp_aaa.h) answered from the list. */
void standin_secrets_aaa(struct standin_secrets *s, struct ppp_aaa *out);

/* ICMP (RFC 792) over IPv4: an echo request of `size` octets from src to
 * dst into p (cap >= size); returns the length, 0 when size is out of
 * range. */
size_t standin_icmp_echo(uint8_t *p, size_t cap, uint32_t src, uint32_t dst, uint16_t id,
                         uint16_t seq, size_t size);
/* An echo request addressed to `ours` becomes its reply in place; returns
 * its length, 0 when pkt is not such a request. */
size_t standin_icmp_reply(uint8_t *pkt, size_t len, uint32_t ours);
/* True (and the sequence number) when pkt is an echo reply to us. */
bool standin_icmp_is_reply(const uint8_t *pkt, size_t len, uint32_t ours, uint16_t *seq);

#endif
