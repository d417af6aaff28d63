/* The TAP wire: an instance whose config says `wire = tap IFNAME` has its
 * card's NET port attached to a Linux TAP device (/dev/net/tun, IFF_TAP |
 * IFF_NO_PI), so the kernel's stack routes real Ethernet/IPv4/UDP frames
 * between the card and its peers: the card parses and builds every header
 * itself, as on a real link. Wall clock only.
 *
 * Frames from the TAP pass the MAC's address filter (our MAC or broadcast;
 * others counted and dropped, as a NIC's MAC drops them), are padded to the
 * Ethernet minimum and enter the card's NET port. The card punts what is
 * not L2TP for it (POLICY PUNT_NOT_FOR_US, set in this mode): ARP goes to
 * the host's ARP (arp.h), which answers through the card's inject ring;
 * anything else is counted and dropped. Control messages the host sends
 * and the session entries it programs get the next hop's MAC from ARP
 * (frames wait for the resolution; entries programmed before it are
 * rewritten when it comes).
 *
 * The card's address comes from `-o address=A.B.C.D`; `-o prefix-len=N`
 * (default 24) and `-o gateway=A.B.C.D` say what is on the link; `-o
 * mac=XX:XX:XX:XX:XX:XX` overrides the card's MAC (default 02:00 and the
 * address). */
#ifndef L2TPD_WIRE_TAP_H
#define L2TPD_WIRE_TAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arp.h"

struct l2tpd_inst;
struct l2tpd_out;

#define TAP_UNRESOLVED_MAX 64

struct tap_wire {
    int fd;                        /* -1: not the TAP wire */
    char name[16];
    unsigned prefix_len;           /* -o prefix-len */
    uint32_t gateway;              /* -o gateway (host order); 0: none */
    bool mac_set;                  /* -o mac given */
    uint8_t mac[ETH_ADDR_LEN];
    struct arp arp;
    bool arp_ready;
    /* Sessions programmed before their next hop's MAC was known (rewritten
     * when it is); more than TAP_UNRESOLVED_MAX at once are counted only. */
    uint16_t unresolved_sid[TAP_UNRESOLVED_MAX];
    size_t n_unresolved;
    uint64_t unresolved_lost;
    uint64_t rx, tx;               /* frames from / to the TAP */
    uint64_t rx_other_mac;         /* not to our MAC nor broadcast: the MAC's filter dropped them */
    uint64_t rx_too_long, tx_errors;
    uint64_t rx_not_ours;          /* punted by the card, not ARP: dropped */
};

/* Defaults, before the -o settings. */
void tap_wire_preset(struct l2tpd_inst *in);
/* An `-o KEY=VALUE` of this mode: 1 taken, 0 not a TAP key, -1 bad value
 * (reason in err). */
int tap_wire_option(struct l2tpd_inst *in, const char *key, const char *val, char *err,
                    size_t cap);
/* Attaches to (or creates) the TAP device, sets it up, starts ARP; the
 * instance's address, MAC and log must be set. 0, or -1 with the reason. */
int tap_wire_open(struct l2tpd_inst *in, char *err, size_t cap);
void tap_wire_close(struct l2tpd_inst *in);

/* Takes every waiting frame from the TAP into the card; returns how many. */
size_t tap_wire_poll(struct l2tpd_inst *in);
/* A frame from the card's NET port onto the TAP. */
void tap_wire_send(struct l2tpd_inst *in, const uint8_t *frame, size_t len);
/* A frame the card punted as not for us (ARP, or counted and dropped). */
void tap_wire_punt(struct l2tpd_inst *in, const uint8_t *frame, size_t len);
/* A frame the host sends to IPv4 dst (a control message): its destination
 * MAC from ARP, then into the card's inject ring (now or once resolved). */
void tap_wire_output(struct l2tpd_inst *in, uint8_t *frame, size_t len, uint32_t dst);
/* The MAC session sid's entry to peer_ip needs: the next hop's. When not
 * known yet, resolution starts, mac is broadcast and the entry is rewritten
 * once it is known. */
void tap_wire_peer_mac(struct l2tpd_inst *in, uint16_t sid, uint32_t peer_ip,
                       uint8_t mac[ETH_ADDR_LEN]);
/* The counters, one line (show counters). */
void tap_wire_show(struct l2tpd_inst *in, struct l2tpd_out *o);

#endif
