/* The static session entry as the card holds it (hw/regmap.md, SESS block;
 * hw/l2tp_card_pkg.sv ENT_*): word k is the ENT_* register at 0x20 + 4k,
 * ENT_FLAGS (word 0) to ENT_RX_ACCM (word 13). Shared by the models of
 * hw/session_table.sv and hw/session_lookup.sv and their testbenches, with
 * the parameters the models are built for (the RTL modules' defaults). */
#ifndef MODEL_SESSION_ENTRY_H
#define MODEL_SESSION_ENTRY_H

/* The RTL modules' default parameters (their block tests' sizes) ... */
#define SESSION_SESS_AW 6
#define SESSION_DEPTH (1u << SESSION_SESS_AW)
#define SESSION_N_CH 4
/* ... and the largest the models take at run time: the core's limits
 * (hw/l2tp_card_core.sv: SESS_AW 2..16, N_CH 1..63). */
#define SESSION_SESS_AW_MAX 16
#define SESSION_DEPTH_MAX (1u << SESSION_SESS_AW_MAX)
#define SESSION_N_CH_MAX 64

#define SESS_ENTRY_WORDS 14
#define SESS_ENTRY_W (SESS_ENTRY_WORDS * 32)

enum sess_ent_word {
    ENT_WORD_FLAGS = 0,
    ENT_WORD_LOCAL_IDS = 1,     /* 31:16 local tunnel ID, 15:0 local session ID */
    ENT_WORD_PEER_IDS = 2,
    ENT_WORD_BINDING = 3,       /* 31:16 MRU, 15:0 ACCESS channel */
    ENT_WORD_LOCAL_MAC_HI = 4,
    ENT_WORD_LOCAL_MAC_LO = 5,
    ENT_WORD_PEER_MAC_HI = 6,
    ENT_WORD_PEER_MAC_LO = 7,
    ENT_WORD_LOCAL_IP = 8,
    ENT_WORD_PEER_IP = 9,
    ENT_WORD_UDP_PORTS = 10,
    ENT_WORD_TTL_VLAN = 11,
    ENT_WORD_TX_ACCM = 12,
    ENT_WORD_RX_ACCM = 13,
};

/* ENT_FLAGS bits (driver/card_regs.h CARD_ENT_*) */
#define ENT_FLAG_VALID 0x01u
#define ENT_FLAG_BIND_HOST 0x02u
#define ENT_FLAG_FCS32 0x04u
#define ENT_FLAG_SEQ_TX 0x08u
#define ENT_FLAG_SEQ_RX 0x10u
#define ENT_FLAG_VLAN 0x20u

/* DP.POLICY bits (driver/card_regs.h CARD_POLICY_*) */
#define POLICY_MATCH_LOCAL_IP 0x01u
#define POLICY_PUNT_NOT_FOR_US 0x02u
#define POLICY_PUNT_MALFORMED 0x04u
#define POLICY_PUNT_UNKNOWN_SESSION 0x08u
#define POLICY_PUNT_FRAGMENTS 0x10u

/* session_lookup's m_desc_action (l2tp_card_pkg DISPATCH_ACTION_*, the
 * values net_rx_dispatch takes) */
enum dispatch_action {
    DISPATCH_ACTION_DROP = 0,
    DISPATCH_ACTION_PUNT_FRAME = 1, /* the whole NET frame to the host, untouched */
    DISPATCH_ACTION_HOST_PPP = 2,   /* the PPP frame to the host (LNS mode) */
    DISPATCH_ACTION_CHAN_PPP = 3,   /* the PPP frame to an ACCESS channel */
};

/* Reasons in CNT numbering (counter at 0x40 + 4r); 0..14 are the parser's
 * NET_RX_REASON_* (net_rx_desc.h). */
#define CNT_REASON_SESS_UNKNOWN 16u
#define CNT_REASON_SESS_WRONG_TUNNEL 17u
#define CNT_REASON_SESS_OUT_OF_ORDER 18u

/* PUNT_DESC.META 7:0 (driver/card_regs.h CARD_PUNT_*) */
#define PUNT_CONTROL 1u
#define PUNT_SESSION_PPP 2u
#define PUNT_CHANNEL_PPP 3u
#define PUNT_NOT_FOR_US 4u
#define PUNT_MALFORMED 5u
#define PUNT_UNKNOWN_SESSION 6u
#define PUNT_FRAGMENT 7u

#endif
