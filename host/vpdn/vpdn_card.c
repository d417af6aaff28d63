/* The card side of a call: its session table entry (hw/regmap.md, block
 * SESS, ENT_* words) built from the L2TP session and the negotiated LCP,
 * and PPP frames handed to the dataplane. */
#include <string.h>

#include "ppp_const.h"
#include "vpdn_int.h"

/* ACCMs from LCP (RFC 1662 §7.1): we escape toward the user what he asked
 * for (his ACCM, acked by us), and discard from him what we asked for. */
static void lcp_accms(const struct ppp_link *l, uint32_t *tx, uint32_t *rx)
{
    *tx = l->lcp.his.has_accm ? l->lcp.his.accm : VPDN_DEFAULT_ACCM;
    *rx = l->lcp.got.has_accm ? l->lcp.got.accm : VPDN_DEFAULT_ACCM;
}

/* The card limits whole frames (Address, Control, Protocol, Information:
 * hw/regmap.md ENT_BINDING); the PPP MRU counts the Information field only
 * (RFC 1661 §6.1), so a 1500-octet IP packet must pass an MRU of 1500. */
static uint16_t card_mru(uint16_t ppp_mru)
{
    uint32_t frame = (uint32_t)ppp_mru + PPP_HDLC_HEADER_LEN;
    return frame > UINT16_MAX ? UINT16_MAX : (uint16_t)frame;
}

static void fill_entry(const struct vpdn_call *c, struct vpdn_session_entry *e)
{
    const struct vpdn *v = c->v;
    const struct l2tp_session_info *s = &c->sinfo;
    *e = (struct vpdn_session_entry){
        .local_tunnel_id = s->local_tunnel_id,
        .local_session_id = s->local_session_id,
        .peer_tunnel_id = s->peer_tunnel_id,
        .peer_session_id = s->peer_session_id,
        .binding = c->role == VPDN_CALL_LAC ? VPDN_BIND_CHANNEL : VPDN_BIND_HOST,
        .channel = c->role == VPDN_CALL_LAC ? c->channel : 0,
        .mru = card_mru(v->vc.mru),
        .local_ip = v->vc.local_ip,
        .peer_ip = s->peer.ip,
        .local_port = v->vc.local_port,
        .peer_port = s->peer.port,
        .ttl = v->vc.ttl,
        /* No FCS-Alternatives option is negotiated (RFC 1570): FCS-16. */
        .fcs32 = false,
        .tx_accm = VPDN_DEFAULT_ACCM,
        .rx_accm = VPDN_DEFAULT_ACCM,
        /* §5.4: sequenced when ICCN carried Sequencing Required (§4.4.6),
         * or when we were configured to sequence (an LNS may start it by
         * sending Ns). The card checks Ns only on data that has S set. */
        .seq_tx = s->sequencing_required || v->cfg->tunnel.sequencing,
        .seq_rx = s->sequencing_required || v->cfg->tunnel.sequencing,
    };
    if (c->role == VPDN_CALL_LAC && c->link_ready)
        lcp_accms(&c->link, &e->tx_accm, &e->rx_accm);
    if (c->role == VPDN_CALL_LAC && c->link.lcp.his.has_mru && c->link.lcp.his.mru)
        e->mru = card_mru(c->link.lcp.his.mru);
}

static int program(struct vpdn_call *c, const struct vpdn_session_entry *e)
{
    struct vpdn *v = c->v;
    if (v->dp.session_program(v->dp.ctx, e) != 0) {
        v->cnt.card_errors++;
        vpdn_log(v, DBG_CARD, "%s VPDN: card refused session %u", c->ifname,
                 (unsigned)e->local_session_id);
        return -1;
    }
    c->programmed = true;
    vpdn_log(v, DBG_CARD,
             "%s VPDN: card session %u: tnl %u/%u cl %u, %s %u, accm tx 0x%08X rx 0x%08X%s",
             c->ifname, (unsigned)e->local_session_id, (unsigned)e->local_tunnel_id,
             (unsigned)e->peer_tunnel_id, (unsigned)e->peer_session_id,
             e->binding == VPDN_BIND_HOST ? "host" : "channel", (unsigned)e->channel,
             (unsigned)e->tx_accm, (unsigned)e->rx_accm, e->seq_tx ? ", sequencing" : "");
    return 0;
}

int vpdn_card_program(struct vpdn_call *c)
{
    struct vpdn_session_entry e;
    fill_entry(c, &e);
    return program(c, &e);
}

/* SLI (RFC 2661 §6.15): the LNS's ACCMs replace LCP's. */
void vpdn_lac_sli(struct vpdn_call *c, uint32_t send_accm, uint32_t recv_accm)
{
    if (!c->programmed)
        return;
    struct vpdn_session_entry e;
    fill_entry(c, &e);
    /* Send ACCM: what the LAC uses toward the user; Receive ACCM: what the
     * user uses toward the LAC. */
    e.tx_accm = send_accm;
    e.rx_accm = recv_accm;
    if (program(c, &e) != 0)
        vpdn_call_abort(c);
}

void vpdn_card_clear(struct vpdn_call *c)
{
    struct vpdn *v = c->v;
    if (!c->programmed)
        return;
    vpdn_acct_stop(c);   /* reads the entry's counters: before it goes */
    c->programmed = false;
    if (v->dp.session_clear(v->dp.ctx, c->sinfo.local_session_id) != 0)
        v->cnt.card_errors++;
    vpdn_log(v, DBG_CARD, "%s VPDN: card session %u cleared", c->ifname,
             (unsigned)c->sinfo.local_session_id);
}

static size_t with_address_control(const uint8_t *frame, size_t len, uint8_t *out)
{
    out[0] = PPP_ALLSTATIONS;
    out[1] = PPP_UI;
    memcpy(out + 2, frame, len);
    return len + 2;
}

void vpdn_card_send_channel(struct vpdn_call *c, const uint8_t *frame, size_t len)
{
    uint8_t buf[VPDN_FRAME_MAX + 2];
    if (len > VPDN_FRAME_MAX)
        return;
    c->cnt.ppp_out++;
    c->v->dp.send_channel_ppp(c->v->dp.ctx, c->channel, buf,
                              with_address_control(frame, len, buf));
}

void vpdn_card_send_session(struct vpdn_call *c, const uint8_t *frame, size_t len)
{
    uint8_t buf[VPDN_FRAME_MAX + 2];
    if (len > VPDN_FRAME_MAX || !c->programmed)
        return;
    c->cnt.ppp_out++;
    c->v->dp.send_session_ppp(c->v->dp.ctx, c->sinfo.local_session_id, buf,
                              with_address_control(frame, len, buf));
}
