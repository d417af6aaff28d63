/* Cycle-accurate model of hw/encap_builder.sv: ACCESS to NET encapsulation.
 *
 * struct encap_builder_regs holds exactly the RTL's registers (*_reg) and its
 * per-session flop arrays; encap_builder_eval() is the RTL's always_comb
 * (outputs and every next value from the inputs and the registers),
 * encap_builder_tick() its always_ff. The ports are width-independent
 * structs (octet arrays); the co-simulation converts them to the RTL's. */
#ifndef MODEL_ENCAP_BUILDER_H
#define MODEL_ENCAP_BUILDER_H

#include <stdbool.h>
#include <stdint.h>

#define ENCAP_DATA_W_MAX 16     /* octets per beat (the RTL takes 8 or 16) */
#define ENCAP_N_CH_MAX 64
#define ENCAP_SESS_AW_MAX 16   /* the core's limit (hw/l2tp_card_core.sv) */
#define ENCAP_FIFO_LOG2_MAX 4
#define ENCAP_HDR_BYTES 56      /* 18 Ethernet + 802.1Q, 20 IPv4, 8 UDP, 10 L2TP */
#define ENCAP_ENTRY_WORDS 14    /* SESS_ENTRY_W / 32: regmap ENT_FLAGS .. ENT_RX_ACCM */

/* Regmap SESS ENT_* word numbers (register 0x20 + 4k) and ENT_FLAGS bits. */
enum encap_entry_word {
    ENCAP_ENT_FLAGS = 0,
    ENCAP_ENT_LOCAL_IDS = 1,
    ENCAP_ENT_PEER_IDS = 2,
    ENCAP_ENT_BINDING = 3,
    ENCAP_ENT_LOCAL_MAC_HI = 4,
    ENCAP_ENT_LOCAL_MAC_LO = 5,
    ENCAP_ENT_PEER_MAC_HI = 6,
    ENCAP_ENT_PEER_MAC_LO = 7,
    ENCAP_ENT_LOCAL_IP = 8,
    ENCAP_ENT_PEER_IP = 9,
    ENCAP_ENT_UDP_PORTS = 10,
    ENCAP_ENT_TTL_VLAN = 11,
    ENCAP_ENT_TX_ACCM = 12,
    ENCAP_ENT_RX_ACCM = 13,
};
#define ENCAP_FLAG_VALID 0x01u
#define ENCAP_FLAG_BIND_HOST 0x02u
#define ENCAP_FLAG_FCS32 0x04u
#define ENCAP_FLAG_SEQ_TX 0x08u
#define ENCAP_FLAG_SEQ_RX 0x10u
#define ENCAP_FLAG_VLAN 0x20u

struct encap_builder_params {
    unsigned data_w;        /* DATA_W: 8 or 16 */
    unsigned n_ch;          /* N_CH, at most ENCAP_N_CH_MAX */
    unsigned sess_aw;       /* SESS_AW, at most ENCAP_SESS_AW_MAX */
    unsigned fifo_log2;     /* FIFO_LOG2, 2 .. ENCAP_FIFO_LOG2_MAX */
};

struct encap_builder_in {
    bool rst;
    uint8_t s_tdata[ENCAP_DATA_W_MAX];      /* octet i = tdata[8i+7:8i] */
    uint32_t s_tkeep;
    bool s_tvalid, s_tlast, s_tuser_kind;
    uint16_t s_tuser_id, s_tuser_len;
    bool chan_bound[ENCAP_N_CH_MAX];
    uint16_t chan_sess[ENCAP_N_CH_MAX];     /* SESS_AW bits each */
    uint32_t sess_entry[ENCAP_ENTRY_WORDS];
    bool commit_valid;
    uint16_t commit_index;
    uint32_t commit_seq;
    bool commit_zero_counters;
    uint16_t rd_index;
    bool m_net_tready, m_punt_tready;
};

struct encap_builder_out {
    bool s_tready;
    bool sess_req_valid;
    uint16_t sess_req_index;
    uint32_t rd_tx_packets;
    uint64_t rd_tx_bytes;
    uint16_t rd_ns;
    uint8_t m_net_tdata[ENCAP_DATA_W_MAX];
    uint32_t m_net_tkeep;
    bool m_net_tvalid, m_net_tlast;
    uint8_t m_punt_tdata[ENCAP_DATA_W_MAX];
    uint32_t m_punt_tkeep;
    bool m_punt_tvalid, m_punt_tlast;
    uint16_t m_punt_channel, m_punt_len;
    bool cnt_tx_frame, cnt_punt, cnt_drop_no_session, cnt_len_mismatch;
};

enum encap_fstate { ENCAP_F_IDLE = 0, ENCAP_F_LOOK = 1, ENCAP_F_PAY = 2 };
enum encap_job { ENCAP_J_ENCAP = 0, ENCAP_J_PUNT = 1, ENCAP_J_DROP = 2 };
enum encap_ostate { ENCAP_O_IDLE = 0, ENCAP_O_ENCAP = 1, ENCAP_O_PUNT = 2, ENCAP_O_DROP = 3 };

struct encap_fifo_entry {
    uint8_t data[ENCAP_DATA_W_MAX];
    uint32_t keep;
    bool last;
};

/* The RTL's registers, named as there without the _reg suffix. */
struct encap_builder_regs {
    uint8_t f_state;
    uint16_t look_idx;
    bool look_kind;
    uint16_t look_id, look_len;
    bool look_ok;
    bool job_valid;
    uint8_t job_kind;
    uint8_t job_hdr[ENCAP_HDR_BYTES];
    uint8_t job_hlen;
    uint16_t job_id, job_len;
    struct encap_fifo_entry fifo[1u << ENCAP_FIFO_LOG2_MAX];
    unsigned fifo_rd, fifo_wr, fifo_cnt;
    uint8_t o_state;
    uint8_t cur_hdr[ENCAP_HDR_BYTES];
    uint8_t cur_hlen;
    uint16_t cur_id, cur_len;
    uint32_t opos, qc;                      /* 17 bits */
    uint8_t prev[ENCAP_DATA_W_MAX];
    bool tail_done;                         /* the frame's tlast beat is taken */
    uint8_t m_net_tdata[ENCAP_DATA_W_MAX];
    uint32_t m_net_tkeep;
    bool m_net_tvalid, m_net_tlast;
    uint8_t m_punt_tdata[ENCAP_DATA_W_MAX];
    uint32_t m_punt_tkeep;
    bool m_punt_tvalid, m_punt_tlast;
    uint16_t m_punt_channel, m_punt_len;
    bool cnt_tx_frame, cnt_punt, cnt_drop, cnt_mismatch;
    /* the read port's registers */
    uint32_t rd_tx_packets;
    uint64_t rd_tx_bytes;
    uint16_t rd_ns;
};

/* The per-session flop arrays (the RTL's ns_mem, pkts_mem, bytes_mem) and
 * their write ports as eval computed them for the coming edge. */
struct encap_builder_mem {
    uint16_t ns[1u << ENCAP_SESS_AW_MAX];
    uint32_t pkts[1u << ENCAP_SESS_AW_MAX];
    uint64_t bytes[1u << ENCAP_SESS_AW_MAX];
};

struct encap_builder_wport {
    bool inc_we, inc_ns;
    uint16_t inc_idx, inc_ns_value, inc_len;
    bool commit_valid, commit_zero;
    uint16_t commit_index, commit_ns;
};

struct encap_builder {
    struct encap_builder_params p;
    struct encap_builder_regs r, next;
    struct encap_builder_mem mem;
    struct encap_builder_wport w;
};

/* Checks the parameters against the RTL's elaboration checks and the
 * model's array sizes; false when they are out of range. Registers zeroed. */
bool encap_builder_init(struct encap_builder *m, const struct encap_builder_params *p);
/* always_comb: outputs into out, next state into m->next. */
void encap_builder_eval(struct encap_builder *m, const struct encap_builder_in *in,
                        struct encap_builder_out *out);
/* always_ff: the rising clock edge. */
/* The outputs that come from registers alone (m_net_*, m_punt_*, rd_*,
 * cnt_*): what eval writes there, without the inputs. */
void encap_builder_outputs(const struct encap_builder *m, struct encap_builder_out *out);
void encap_builder_tick(struct encap_builder *m);

#endif
