/* The session table through its staging registers: program, clear, read
 * (hw/regmap.md, block SESS). The card moves a whole entry in one cycle,
 * so traffic never sees half an entry; the driver only has to write every
 * staging word before the command. */
#include <string.h>

#include "card_backend.h"

/* Staging words COMMIT moves: ENT_FLAGS .. ENT_SEQ. */
#define ENT_WORDS ((CARD_SESS_ENT_LAST - CARD_SESS_ENT_FIRST) / 4 + 1)
#define W(reg) ((CARD_SESS_##reg - CARD_SESS_ENT_FIRST) / 4)

/* A command finishes in a few cycles; 10 ms allows for a busy card. */
#define SESS_CMD_TIMEOUT_US 10000u

static const char *const word_names[ENT_WORDS] = {
    [W(ENT_FLAGS)] = "ENT_FLAGS",           [W(ENT_LOCAL_IDS)] = "ENT_LOCAL_IDS",
    [W(ENT_PEER_IDS)] = "ENT_PEER_IDS",     [W(ENT_BINDING)] = "ENT_BINDING",
    [W(ENT_LOCAL_MAC_HI)] = "ENT_LOCAL_MAC_HI", [W(ENT_LOCAL_MAC_LO)] = "ENT_LOCAL_MAC_LO",
    [W(ENT_PEER_MAC_HI)] = "ENT_PEER_MAC_HI", [W(ENT_PEER_MAC_LO)] = "ENT_PEER_MAC_LO",
    [W(ENT_LOCAL_IP)] = "ENT_LOCAL_IP",     [W(ENT_PEER_IP)] = "ENT_PEER_IP",
    [W(ENT_UDP_PORTS)] = "ENT_UDP_PORTS",   [W(ENT_TTL_VLAN)] = "ENT_TTL_VLAN",
    [W(ENT_TX_ACCM)] = "ENT_TX_ACCM",       [W(ENT_RX_ACCM)] = "ENT_RX_ACCM",
    [W(ENT_SEQ)] = "ENT_SEQ",
};

static void pack(const struct l2tpcard_session *s, uint32_t w[ENT_WORDS])
{
    memset(w, 0, ENT_WORDS * sizeof w[0]);
    w[W(ENT_FLAGS)] = CARD_ENT_VALID | (s->binding == L2TPCARD_BIND_HOST ? CARD_ENT_BIND_HOST : 0) |
                      (s->fcs32 ? CARD_ENT_FCS32 : 0) | (s->seq_tx ? CARD_ENT_SEQ_TX : 0) |
                      (s->seq_rx ? CARD_ENT_SEQ_RX : 0) | (s->vlan ? CARD_ENT_VLAN : 0);
    w[W(ENT_LOCAL_IDS)] = (uint32_t)s->local_tunnel_id << 16 | s->local_session_id;
    w[W(ENT_PEER_IDS)] = (uint32_t)s->peer_tunnel_id << 16 | s->peer_session_id;
    w[W(ENT_BINDING)] = (uint32_t)s->mru << 16 | s->channel;
    w[W(ENT_LOCAL_MAC_HI)] = (uint32_t)s->local_mac[0] << 8 | s->local_mac[1];
    w[W(ENT_LOCAL_MAC_LO)] = (uint32_t)s->local_mac[2] << 24 | (uint32_t)s->local_mac[3] << 16 |
                             (uint32_t)s->local_mac[4] << 8 | s->local_mac[5];
    w[W(ENT_PEER_MAC_HI)] = (uint32_t)s->peer_mac[0] << 8 | s->peer_mac[1];
    w[W(ENT_PEER_MAC_LO)] = (uint32_t)s->peer_mac[2] << 24 | (uint32_t)s->peer_mac[3] << 16 |
                            (uint32_t)s->peer_mac[4] << 8 | s->peer_mac[5];
    w[W(ENT_LOCAL_IP)] = s->local_ip;
    w[W(ENT_PEER_IP)] = s->peer_ip;
    w[W(ENT_UDP_PORTS)] = (uint32_t)s->local_port << 16 | s->peer_port;
    w[W(ENT_TTL_VLAN)] = (uint32_t)s->vlan_tci << 16 | s->ttl;
    w[W(ENT_TX_ACCM)] = s->tx_accm;
    w[W(ENT_RX_ACCM)] = s->rx_accm;
    w[W(ENT_SEQ)] = (uint32_t)s->ns << 16 | s->nr;
}

static void unpack(const uint32_t w[ENT_WORDS], struct l2tpcard_session *s)
{
    memset(s, 0, sizeof *s);
    uint32_t f = w[W(ENT_FLAGS)];
    s->binding = (f & CARD_ENT_BIND_HOST) ? L2TPCARD_BIND_HOST : L2TPCARD_BIND_CHANNEL;
    s->fcs32 = f & CARD_ENT_FCS32;
    s->seq_tx = f & CARD_ENT_SEQ_TX;
    s->seq_rx = f & CARD_ENT_SEQ_RX;
    s->vlan = f & CARD_ENT_VLAN;
    s->local_tunnel_id = (uint16_t)(w[W(ENT_LOCAL_IDS)] >> 16);
    s->local_session_id = (uint16_t)w[W(ENT_LOCAL_IDS)];
    s->peer_tunnel_id = (uint16_t)(w[W(ENT_PEER_IDS)] >> 16);
    s->peer_session_id = (uint16_t)w[W(ENT_PEER_IDS)];
    s->mru = (uint16_t)(w[W(ENT_BINDING)] >> 16);
    s->channel = (uint16_t)w[W(ENT_BINDING)];
    const uint32_t lh = w[W(ENT_LOCAL_MAC_HI)], ll = w[W(ENT_LOCAL_MAC_LO)];
    const uint32_t ph = w[W(ENT_PEER_MAC_HI)], pl = w[W(ENT_PEER_MAC_LO)];
    for (int i = 0; i < 2; i++) {
        s->local_mac[i] = (uint8_t)(lh >> (8 * (1 - i)));
        s->peer_mac[i] = (uint8_t)(ph >> (8 * (1 - i)));
    }
    for (int i = 0; i < 4; i++) {
        s->local_mac[2 + i] = (uint8_t)(ll >> (8 * (3 - i)));
        s->peer_mac[2 + i] = (uint8_t)(pl >> (8 * (3 - i)));
    }
    s->local_ip = w[W(ENT_LOCAL_IP)];
    s->peer_ip = w[W(ENT_PEER_IP)];
    s->local_port = (uint16_t)(w[W(ENT_UDP_PORTS)] >> 16);
    s->peer_port = (uint16_t)w[W(ENT_UDP_PORTS)];
    s->ttl = (uint8_t)w[W(ENT_TTL_VLAN)];
    s->vlan_tci = (uint16_t)(w[W(ENT_TTL_VLAN)] >> 16);
    s->tx_accm = w[W(ENT_TX_ACCM)];
    s->rx_accm = w[W(ENT_RX_ACCM)];
    s->ns = (uint16_t)(w[W(ENT_SEQ)] >> 16);
    s->nr = (uint16_t)w[W(ENT_SEQ)];
}

static l2tpcard_status check_index(struct l2tpcard *card, uint16_t id, const char *what)
{
    /* Session ID 0 names the control connection (RFC 2661 §3.1). */
    if (id == 0 || id >= card->sessions)
        return card_fail(card, L2TPCARD_EINVAL, "%s: session %u is not 1..%u", what, id,
                         card->sessions - 1);
    return L2TPCARD_OK;
}

/* Runs one command on entry `id` and checks the card took it. */
static l2tpcard_status run_cmd(struct l2tpcard *card, uint16_t id, uint32_t cmd, const char *what)
{
    card_wr(card, CARD_BLK_SESS_TYPE, CARD_SESS_INDEX, id);
    card_wr(card, CARD_BLK_SESS_TYPE, CARD_SESS_CMD, cmd);
    l2tpcard_status st = card_poll(card, CARD_BLK_SESS_TYPE, CARD_SESS_CMD, 0xFFFFFFFFu, 0,
                                   SESS_CMD_TIMEOUT_US, what);
    if (st != L2TPCARD_OK)
        return st;
    uint32_t status = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_STATUS);
    if (status & (CARD_SESS_STATUS_BAD_INDEX | CARD_SESS_STATUS_BAD_CMD))
        return card_fail(card, L2TPCARD_EHW, "%s: session %u: card refused command 0x%x (STATUS 0x%x%s%s)",
                         what, id, cmd, status,
                         (status & CARD_SESS_STATUS_BAD_INDEX) ? " BAD_INDEX" : "",
                         (status & CARD_SESS_STATUS_BAD_CMD) ? " BAD_CMD" : "");
    return L2TPCARD_OK;
}

static void read_words(struct l2tpcard *card, uint32_t w[ENT_WORDS])
{
    for (unsigned i = 0; i < ENT_WORDS; i++)
        w[i] = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_FIRST + 4 * i);
}

l2tpcard_status l2tpcard_session_program(struct l2tpcard *card, const struct l2tpcard_session *s,
                                         bool zero_counters)
{
    if (!card || !s)
        return card ? card_fail(card, L2TPCARD_EINVAL, "session program: none given")
                    : L2TPCARD_EINVAL;
    l2tpcard_status st = check_index(card, s->local_session_id, "session program");
    if (st != L2TPCARD_OK)
        return st;
    if (s->binding == L2TPCARD_BIND_CHANNEL && s->channel >= card->n_channels)
        return card_fail(card, L2TPCARD_EINVAL, "session program: channel %u, the card has %u",
                         s->channel, card->n_channels);
    if (s->binding != L2TPCARD_BIND_CHANNEL && s->binding != L2TPCARD_BIND_HOST)
        return card_fail(card, L2TPCARD_EINVAL, "session program: binding %d unknown",
                         (int)s->binding);
    uint32_t w[ENT_WORDS], back[ENT_WORDS];
    pack(s, w);
    for (unsigned i = 0; i < ENT_WORDS; i++)
        card_wr(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_FIRST + 4 * i, w[i]);
    st = run_cmd(card, s->local_session_id,
                 CARD_SESS_CMD_COMMIT | (zero_counters ? CARD_SESS_CMD_ZERO_COUNTERS : 0),
                 "session commit");
    if (st == L2TPCARD_OK)
        st = run_cmd(card, s->local_session_id, CARD_SESS_CMD_READ, "session read-back");
    if (st != L2TPCARD_OK)
        return st;
    read_words(card, back);
    for (unsigned i = 0; i < ENT_WORDS; i++) {
        /* Ns/Nr are live: the card moves them as soon as traffic flows. */
        if (i == W(ENT_SEQ))
            continue;
        if (back[i] != w[i])
            return card_fail(card, L2TPCARD_EHW,
                             "session %u: %s reads back 0x%08x after writing 0x%08x",
                             s->local_session_id, word_names[i], back[i], w[i]);
    }
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_session_clear(struct l2tpcard *card, uint16_t id)
{
    if (!card)
        return L2TPCARD_EINVAL;
    l2tpcard_status st = check_index(card, id, "session clear");
    if (st == L2TPCARD_OK)
        st = run_cmd(card, id, CARD_SESS_CMD_CLEAR, "session clear");
    if (st == L2TPCARD_OK)
        st = run_cmd(card, id, CARD_SESS_CMD_READ, "session read-back");
    if (st != L2TPCARD_OK)
        return st;
    uint32_t flags = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_FLAGS);
    if (flags & CARD_ENT_VALID)
        return card_fail(card, L2TPCARD_EHW, "session %u: still valid after CLEAR (ENT_FLAGS 0x%08x)",
                         id, flags);
    return L2TPCARD_OK;
}

static uint64_t rd64(struct l2tpcard *card, uint32_t lo, uint32_t hi)
{
    return (uint64_t)card_rd(card, CARD_BLK_SESS_TYPE, hi) << 32 | card_rd(card, CARD_BLK_SESS_TYPE, lo);
}

l2tpcard_status l2tpcard_session_read(struct l2tpcard *card, uint16_t id, bool *valid,
                                      struct l2tpcard_session *s,
                                      struct l2tpcard_session_counters *ctr)
{
    if (!card)
        return L2TPCARD_EINVAL;
    l2tpcard_status st = check_index(card, id, "session read");
    if (st == L2TPCARD_OK)
        st = run_cmd(card, id, CARD_SESS_CMD_READ, "session read");
    if (st != L2TPCARD_OK)
        return st;
    uint32_t w[ENT_WORDS];
    read_words(card, w);
    if (valid)
        *valid = w[W(ENT_FLAGS)] & CARD_ENT_VALID;
    if (s)
        unpack(w, s);
    if (ctr) {
        /* READ snapshotted the counters with the entry: no tearing. */
        ctr->rx_packets = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_RX_PACKETS);
        ctr->tx_packets = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_TX_PACKETS);
        ctr->drops = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_DROPS);
        ctr->out_of_order = card_rd(card, CARD_BLK_SESS_TYPE, CARD_SESS_ENT_OUT_OF_ORDER);
        ctr->rx_bytes = rd64(card, CARD_SESS_ENT_RX_BYTES_LO, CARD_SESS_ENT_RX_BYTES_HI);
        ctr->tx_bytes = rd64(card, CARD_SESS_ENT_TX_BYTES_LO, CARD_SESS_ENT_TX_BYTES_HI);
    }
    return L2TPCARD_OK;
}
