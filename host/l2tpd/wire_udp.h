/* The UDP wire: an instance whose config says `wire = udp ADDR[:PORT]` has
 * its card's NET port bridged to a UDP socket bound to ADDR:PORT, so two
 * l2tpd processes (or a real LAC/LNS) talk L2TP over the host's network.
 * Frames the card sends lose their Ethernet/IPv4/UDP headers and go out as
 * the socket's datagrams to the frame's destination address and port;
 * datagrams received get the headers built around them (to our address and
 * the card's L2TP port) and enter the card's NET port. Control traffic
 * still goes through the card's punt/inject path. */
#ifndef L2TPD_WIRE_UDP_H
#define L2TPD_WIRE_UDP_H

#include <stddef.h>
#include <stdint.h>

struct l2tpd_inst;

/* Binds the socket; 0, or -1 with the reason in err. */
int udp_wire_open(struct l2tpd_inst *in, char *err, size_t cap);
void udp_wire_close(struct l2tpd_inst *in);
/* A frame from the card's NET port out of the socket. */
void udp_wire_send(struct l2tpd_inst *in, const uint8_t *frame, size_t len);
/* Takes every waiting datagram into the card; returns how many. */
size_t udp_wire_poll(struct l2tpd_inst *in);

#endif
