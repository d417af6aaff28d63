`resetall
`default_nettype none

// ACCESS to NET encapsulation (hw/ARCHITECTURE.md "ACCESS receive ports").
//
// PPP frames in (s_*, one frame at a time, tuser constant over the frame):
// from an ACCESS channel (s_tuser_kind 0, s_tuser_id = channel) or injected
// by the host for a session (kind 1, id = session index). s_tuser_len must be
// the frame's octet count (access_rx_buffer counts them; the header's lengths
// are built from it before the first octet moves). Should it differ, the
// header wins: the frame is cut to s_tuser_len octets (the rest discarded up
// to its tlast) or zero-filled to it, and cnt_len_mismatch pulses.
//
//   front:  IDLE  look the session up (channel table, then session_table
//                 port B: request now, entry next cycle)
//           LOOK  entry here: build the header job (Ethernet [802.1Q] IPv4
//                 UDP L2TP), take Ns and count the frame
//           PAY   frame beats into the payload FIFO
//   output: one job at a time: ENCAP emits header then payload realigned
//           behind it (plus zero padding to 60 octets) on m_net_*, PUNT
//           passes the frame on m_punt_*, DROP discards it.
//
// The front runs ahead of the output (a frame of N payload beats takes the
// front N + 2 cycles and the output at least N + 3, as the header is at least
// 48 octets), so the next job is ready when a frame's last beat leaves and
// m_net_* carries back-to-back frames at one beat per cycle; the only loss is
// a frame's last partial beat.
//
// Realignment: with h header octets and hm = h mod DATA_W, lane i of an
// output beat that carries payload is lane DATA_W - hm + i of the two-beat
// window {FIFO head, previous payload beat} (the previous beat in the low
// lanes): one constant shift per frame. A beat takes the FIFO head when its
// last payload octet lies past the octets taken so far.
//
// Header (RFC 2661 §3.1; choices in ARCHITECTURE.md): IPv4 without options,
// TOS 0, ID 0, DF (RFC 6864 §4.1), TTL from the entry, checksum computed
// (RFC 791 §3.1, RFC 1071); UDP checksum 0 (RFC 768); L2TP Ver 2, T=0, L=0,
// S and Ns when ENT_FLAGS.SEQ_TX with Nr 0 (reserved in data messages), the
// peer's Tunnel and Session ID.
//
// Ns (next to send) and the transmit counters (packets, PPP octets) of every
// session live here (their only writer): a COMMIT sets Ns from commit_seq
// and zeroes the counters when asked; rd_index reads them one cycle later.
// They are flop arrays (SESS_AW small); a COMMIT in the cycle a frame of
// the same session takes its Ns wins, the frame keeping the old Ns.
module encap_builder #(
    parameter int DATA_W = 8,       // NET octets per beat: 8 or 16
    parameter int N_CH = 4,         // ACCESS channels
    parameter int SESS_AW = 6,      // log2 of the session table depth
    parameter int FIFO_LOG2 = 3     // payload FIFO: 2^FIFO_LOG2 beats
) (
    input  wire logic                     clk,
    input  wire logic                     rst,

    input  wire logic [DATA_W*8-1:0]      s_tdata,
    input  wire logic [DATA_W-1:0]        s_tkeep,
    input  wire logic                     s_tvalid,
    output      logic                     s_tready,
    input  wire logic                     s_tlast,
    input  wire logic                     s_tuser_kind,   // 0 channel, 1 session
    input  wire logic [15:0]              s_tuser_id,
    input  wire logic [15:0]              s_tuser_len,

    input  wire logic [N_CH-1:0]          chan_bound,
    input  wire logic [N_CH*SESS_AW-1:0]  chan_sess,

    output      logic                     sess_req_valid,
    output      logic [SESS_AW-1:0]       sess_req_index,
    input  wire logic [14*32-1:0]         sess_entry,     // SESS_ENTRY_W

    input  wire logic                     commit_valid,
    input  wire logic [SESS_AW-1:0]       commit_index,
    input  wire logic [31:0]              commit_seq,
    input  wire logic                     commit_zero_counters,

    input  wire logic [SESS_AW-1:0]       rd_index,
    output      logic [31:0]              rd_tx_packets,
    output      logic [63:0]              rd_tx_bytes,
    output      logic [15:0]              rd_ns,

    output      logic [DATA_W*8-1:0]      m_net_tdata,
    output      logic [DATA_W-1:0]        m_net_tkeep,
    output      logic                     m_net_tvalid,
    input  wire logic                     m_net_tready,
    output      logic                     m_net_tlast,

    output      logic [DATA_W*8-1:0]      m_punt_tdata,
    output      logic [DATA_W-1:0]        m_punt_tkeep,
    output      logic                     m_punt_tvalid,
    input  wire logic                     m_punt_tready,
    output      logic                     m_punt_tlast,
    output      logic [15:0]              m_punt_channel,
    output      logic [15:0]              m_punt_len,

    output      logic                     cnt_tx_frame,
    output      logic                     cnt_punt,
    output      logic                     cnt_drop_no_session,
    output      logic                     cnt_len_mismatch
);
    localparam int LANE_W = $clog2(DATA_W);
    localparam int HDR_BYTES = 56;                  // 18 Ethernet+tag, 20 IPv4, 8 UDP, 10 L2TP
    localparam int FIFO_D = 1 << FIFO_LOG2;
    localparam int FIFO_ENT_W = DATA_W * 9 + 1;     // tdata, tkeep, tlast
    localparam int N_SESS = 1 << SESS_AW;
    localparam int CH_W = (N_CH > 1) ? $clog2(N_CH) : 1;

    // Regmap SESS ENT_* words (word k of sess_entry is the register at 0x20 + 4k).
    localparam int ENT_FLAGS = 0;
    localparam int ENT_PEER_IDS = 2;
    localparam int ENT_LOCAL_MAC_HI = 4;
    localparam int ENT_LOCAL_MAC_LO = 5;
    localparam int ENT_PEER_MAC_HI = 6;
    localparam int ENT_PEER_MAC_LO = 7;
    localparam int ENT_LOCAL_IP = 8;
    localparam int ENT_PEER_IP = 9;
    localparam int ENT_UDP_PORTS = 10;
    localparam int ENT_TTL_VLAN = 11;
    localparam int FLAG_VALID = 0;
    localparam int FLAG_BIND_HOST = 1;
    localparam int FLAG_SEQ_TX = 3;
    localparam int FLAG_VLAN = 5;

    initial begin
        if (DATA_W != 8 && DATA_W != 16) begin
            $error("encap_builder: DATA_W %0d is not 8 or 16", DATA_W);
            $finish;
        end
        if (SESS_AW < 1 || SESS_AW > 16 || N_CH < 1 || N_CH > 65536 || FIFO_LOG2 < 2) begin
            $error("encap_builder: bad SESS_AW %0d / N_CH %0d / FIFO_LOG2 %0d", SESS_AW, N_CH,
                   FIFO_LOG2);
            $finish;
        end
    end

    typedef enum logic [1:0] { F_IDLE, F_LOOK, F_PAY } fstate_t;
    typedef enum logic [1:0] { J_ENCAP, J_PUNT, J_DROP } job_t;
    typedef enum logic [1:0] { O_IDLE, O_ENCAP, O_PUNT, O_DROP } ostate_t;

    // ---- front
    fstate_t f_state_reg, f_state_next;
    logic [SESS_AW-1:0] look_idx_reg, look_idx_next;
    logic look_kind_reg, look_kind_next;
    logic [15:0] look_id_reg, look_id_next;
    logic [15:0] look_len_reg, look_len_next;
    logic look_ok_reg, look_ok_next;                // channel bound / index in the table

    // ---- the job handed from front to output
    logic job_valid_reg, job_valid_next;
    job_t job_kind_reg, job_kind_next;
    logic [HDR_BYTES*8-1:0] job_hdr_reg, job_hdr_next;
    logic [5:0] job_hlen_reg, job_hlen_next;
    logic [15:0] job_id_reg, job_id_next;
    logic [15:0] job_len_reg, job_len_next;

    // ---- payload FIFO
    logic [FIFO_D*FIFO_ENT_W-1:0] fifo_reg, fifo_next;
    logic [FIFO_LOG2-1:0] fifo_rd_reg, fifo_rd_next;
    logic [FIFO_LOG2-1:0] fifo_wr_reg, fifo_wr_next;
    logic [FIFO_LOG2:0] fifo_cnt_reg, fifo_cnt_next;

    // ---- output
    ostate_t o_state_reg, o_state_next;
    logic [HDR_BYTES*8-1:0] cur_hdr_reg, cur_hdr_next;
    logic [5:0] cur_hlen_reg, cur_hlen_next;
    logic [15:0] cur_id_reg, cur_id_next;
    logic [15:0] cur_len_reg, cur_len_next;
    logic [16:0] opos_reg, opos_next;               // frame octet of the next output beat
    logic [16:0] qc_reg, qc_next;                   // payload octets taken from the FIFO
    logic [DATA_W*8-1:0] prev_reg, prev_next;       // last payload beat taken
    logic tail_done_reg, tail_done_next;            // the frame's tlast beat is taken

    logic [DATA_W*8-1:0] m_net_tdata_reg, m_net_tdata_next;
    logic [DATA_W-1:0] m_net_tkeep_reg, m_net_tkeep_next;
    logic m_net_tvalid_reg, m_net_tvalid_next;
    logic m_net_tlast_reg, m_net_tlast_next;
    logic [DATA_W*8-1:0] m_punt_tdata_reg, m_punt_tdata_next;
    logic [DATA_W-1:0] m_punt_tkeep_reg, m_punt_tkeep_next;
    logic m_punt_tvalid_reg, m_punt_tvalid_next;
    logic m_punt_tlast_reg, m_punt_tlast_next;
    logic [15:0] m_punt_channel_reg, m_punt_channel_next;
    logic [15:0] m_punt_len_reg, m_punt_len_next;

    logic cnt_tx_frame_reg, cnt_tx_frame_next;
    logic cnt_punt_reg, cnt_punt_next;
    logic cnt_drop_reg, cnt_drop_next;
    logic cnt_mismatch_reg, cnt_mismatch_next;

    // ---- per-session transmit state (flop arrays, written below)
    logic [15:0] ns_mem [N_SESS];
    logic [31:0] pkts_mem [N_SESS];
    logic [63:0] bytes_mem [N_SESS];
    logic [31:0] rd_tx_packets_reg;
    logic [63:0] rd_tx_bytes_reg;
    logic [15:0] rd_ns_reg;
    logic inc_we;                                   // LOOK counts an encapsulated frame
    logic inc_ns;                                   // ... and it took an Ns

    // Entry words other blocks use (IDs, binding, ACCMs), Nr (session_lookup's)
    // and the TTL word's reserved bits are not needed here.
    logic unused_inputs;
    assign unused_inputs = &{1'b0, sess_entry[447:384], sess_entry[223:208],
                             sess_entry[159:144], sess_entry[127:96], sess_entry[63:32],
                             commit_seq[15:0], e_ttl_vlan[15:8]};

    assign rd_tx_packets = rd_tx_packets_reg;
    assign rd_tx_bytes = rd_tx_bytes_reg;
    assign rd_ns = rd_ns_reg;
    assign m_net_tdata = m_net_tdata_reg;
    assign m_net_tkeep = m_net_tkeep_reg;
    assign m_net_tvalid = m_net_tvalid_reg;
    assign m_net_tlast = m_net_tlast_reg;
    assign m_punt_tdata = m_punt_tdata_reg;
    assign m_punt_tkeep = m_punt_tkeep_reg;
    assign m_punt_tvalid = m_punt_tvalid_reg;
    assign m_punt_tlast = m_punt_tlast_reg;
    assign m_punt_channel = m_punt_channel_reg;
    assign m_punt_len = m_punt_len_reg;
    assign cnt_tx_frame = cnt_tx_frame_reg;
    assign cnt_punt = cnt_punt_reg;
    assign cnt_drop_no_session = cnt_drop_reg;
    assign cnt_len_mismatch = cnt_mismatch_reg;

    // ---- the header of the session in LOOK, from the entry and the Ns
    logic [31:0] e_flags, e_peer_ids, e_ports, e_ttl_vlan, e_local_ip, e_peer_ip;
    logic [47:0] e_local_mac, e_peer_mac;
    logic [15:0] cur_ns;
    logic [15:0] l2tp_flags, udp_len, ip_total, ip_csum;
    logic [18:0] csum_sum;
    logic [16:0] csum_fold1;
    logic [18*8-1:0] eth_be;
    logic [38*8-1:0] rest_be;
    logic [HDR_BYTES*8-1:0] eth_le, rest_le, hdr_built;
    logic [5:0] hlen_built;

    always_comb begin
        e_flags = sess_entry[ENT_FLAGS*32 +: 32];
        e_peer_ids = sess_entry[ENT_PEER_IDS*32 +: 32];
        e_local_mac = {sess_entry[ENT_LOCAL_MAC_HI*32 +: 16], sess_entry[ENT_LOCAL_MAC_LO*32 +: 32]};
        e_peer_mac = {sess_entry[ENT_PEER_MAC_HI*32 +: 16], sess_entry[ENT_PEER_MAC_LO*32 +: 32]};
        e_local_ip = sess_entry[ENT_LOCAL_IP*32 +: 32];
        e_peer_ip = sess_entry[ENT_PEER_IP*32 +: 32];
        e_ports = sess_entry[ENT_UDP_PORTS*32 +: 32];
        e_ttl_vlan = sess_entry[ENT_TTL_VLAN*32 +: 32];
        cur_ns = ns_mem[look_idx_reg];

        // RFC 2661 §3.1: Ver 2, S when the session sequences its data.
        l2tp_flags = {12'h000, l2tp_card_pkg::L2TP_VERSION}
            | (e_flags[FLAG_SEQ_TX] ? l2tp_card_pkg::L2TP_HDR_S : 16'h0000);
        udp_len = 16'(l2tp_card_pkg::UDP_HDR_LEN) + (e_flags[FLAG_SEQ_TX] ? 16'd10 : 16'd6)
            + look_len_reg;
        ip_total = 16'd20 + udp_len;
        // RFC 1071 §2: one's-complement sum of the header words (checksum
        // field 0), carries folded back, complemented. ID is 0.
        csum_sum = 19'({l2tp_card_pkg::IPV4_VERSION, l2tp_card_pkg::IPV4_MIN_IHL, 8'h00})
            + 19'(ip_total) + 19'(l2tp_card_pkg::IPV4_FLAG_DF)
            + 19'({e_ttl_vlan[7:0], l2tp_card_pkg::IPV4_PROTO_UDP})
            + 19'(e_local_ip[31:16]) + 19'(e_local_ip[15:0])
            + 19'(e_peer_ip[31:16]) + 19'(e_peer_ip[15:0]);
        csum_fold1 = {1'b0, csum_sum[15:0]} + {14'd0, csum_sum[18:16]};
        ip_csum = ~(csum_fold1[15:0] + {15'd0, csum_fold1[16]});

        if (e_flags[FLAG_VLAN])
            eth_be = {e_peer_mac, e_local_mac, l2tp_card_pkg::ETHERTYPE_VLAN, e_ttl_vlan[31:16],
                      l2tp_card_pkg::ETHERTYPE_IPV4};
        else
            eth_be = {e_peer_mac, e_local_mac, l2tp_card_pkg::ETHERTYPE_IPV4, 32'h0000_0000};
        rest_be = {l2tp_card_pkg::IPV4_VERSION, l2tp_card_pkg::IPV4_MIN_IHL, 8'h00, ip_total,
                   16'h0000, l2tp_card_pkg::IPV4_FLAG_DF, e_ttl_vlan[7:0],
                   l2tp_card_pkg::IPV4_PROTO_UDP, ip_csum, e_local_ip, e_peer_ip,
                   e_ports, udp_len, 16'h0000,
                   l2tp_flags, e_peer_ids,
                   e_flags[FLAG_SEQ_TX] ? cur_ns : 16'h0000, 16'h0000};
        // Octet 0 of the frame in bits 7:0, as on the stream.
        eth_le = '0;
        rest_le = '0;
        for (int i = 0; i < 18; i++)
            eth_le[i*8 +: 8] = eth_be[(17-i)*8 +: 8];
        for (int i = 0; i < 38; i++)
            rest_le[i*8 +: 8] = rest_be[(37-i)*8 +: 8];
        hdr_built = eth_le | (rest_le << (e_flags[FLAG_VLAN] ? 18*8 : 14*8));
        hlen_built = 6'(l2tp_card_pkg::ETH_HDR_LEN + 20 + l2tp_card_pkg::UDP_HDR_LEN + 6)
            + (e_flags[FLAG_VLAN] ? 6'(l2tp_card_pkg::VLAN_TAG_LEN) : 6'd0)
            + (e_flags[FLAG_SEQ_TX] ? 6'd4 : 6'd0);
    end

    // ---- the output beat of an ENCAP job at opos_reg
    logic [16:0] o_hend, o_pend, o_total;           // header end, payload end, padded end
    logic [16:0] o_qe;                              // payload end covered by this beat
    logic o_adv;                                    // the beat moves the window a beat on
    logic o_need_head;                              // ... taking the FIFO head
    logic [LANE_W:0] head_cnt;                      // octets in the FIFO head
    logic [FIFO_ENT_W-1:0] fifo_head;
    logic [DATA_W*8-1:0] head_data;
    logic [2*DATA_W*8-1:0] window_sh;
    logic [HDR_BYTES*8-1:0] hdr_sh;
    logic [DATA_W*8-1:0] o_beat;
    logic [DATA_W-1:0] o_keep;
    logic o_last;

    always_comb begin
        logic [LANE_W-1:0] hm;
        logic [16:0] p;
        fifo_head = fifo_reg[fifo_rd_reg*FIFO_ENT_W +: FIFO_ENT_W];
        // Past the frame's tlast beat the FIFO head is the next frame's: a
        // frame shorter than its s_tuser_len is zero-filled instead.
        head_data = tail_done_reg ? '0 : fifo_head[DATA_W*8-1:0];
        head_cnt = '0;
        for (int i = 0; i < DATA_W; i++)
            head_cnt = head_cnt + {{LANE_W{1'b0}}, fifo_head[DATA_W*8 + i]};
        o_hend = {11'd0, cur_hlen_reg};
        o_pend = o_hend + {1'b0, cur_len_reg};
        o_total = (o_pend < 17'(l2tp_card_pkg::ETH_MIN_FRAME))
            ? 17'(l2tp_card_pkg::ETH_MIN_FRAME) : o_pend;
        o_qe = ((opos_reg + 17'(DATA_W) < o_pend) ? opos_reg + 17'(DATA_W) : o_pend) - o_hend;
        o_adv = (opos_reg + 17'(DATA_W) > o_hend) && (o_qe > qc_reg);
        o_need_head = o_adv && !tail_done_reg;
        hm = cur_hlen_reg[LANE_W-1:0];
        window_sh = {head_data, prev_reg} >> {6'(DATA_W) - 6'(hm), 3'b000};
        hdr_sh = cur_hdr_reg >> ({opos_reg[5:0], 3'b000});
        for (int i = 0; i < DATA_W; i++) begin
            p = opos_reg + 17'(i);
            if (p < o_hend)
                o_beat[i*8 +: 8] = hdr_sh[i*8 +: 8];
            else if (p < o_pend)
                o_beat[i*8 +: 8] = window_sh[i*8 +: 8];
            else
                o_beat[i*8 +: 8] = 8'h00;       // IEEE 802.3 pad, or past the end
            o_keep[i] = p < o_total;
        end
        o_last = opos_reg + 17'(DATA_W) >= o_total;
    end

    always_comb begin
        logic job_take;             // the output stage takes the job this cycle
        logic fifo_pop, fifo_push;
        logic net_can_load, punt_can_load;
        logic [SESS_AW-1:0] idx;
        logic ok;
        logic [CH_W-1:0] ch;
        logic [DATA_W*8-1:0] lane_keep;

        f_state_next = f_state_reg;
        look_idx_next = look_idx_reg;
        look_kind_next = look_kind_reg;
        look_id_next = look_id_reg;
        look_len_next = look_len_reg;
        look_ok_next = look_ok_reg;
        job_valid_next = job_valid_reg;
        job_kind_next = job_kind_reg;
        job_hdr_next = job_hdr_reg;
        job_hlen_next = job_hlen_reg;
        job_id_next = job_id_reg;
        job_len_next = job_len_reg;
        fifo_next = fifo_reg;
        fifo_rd_next = fifo_rd_reg;
        fifo_wr_next = fifo_wr_reg;
        o_state_next = o_state_reg;
        cur_hdr_next = cur_hdr_reg;
        cur_hlen_next = cur_hlen_reg;
        cur_id_next = cur_id_reg;
        cur_len_next = cur_len_reg;
        opos_next = opos_reg;
        qc_next = qc_reg;
        prev_next = prev_reg;
        m_net_tdata_next = m_net_tdata_reg;
        m_net_tkeep_next = m_net_tkeep_reg;
        m_net_tlast_next = m_net_tlast_reg;
        m_net_tvalid_next = m_net_tvalid_reg && !m_net_tready;
        m_punt_tdata_next = m_punt_tdata_reg;
        m_punt_tkeep_next = m_punt_tkeep_reg;
        m_punt_tlast_next = m_punt_tlast_reg;
        m_punt_channel_next = m_punt_channel_reg;
        m_punt_len_next = m_punt_len_reg;
        m_punt_tvalid_next = m_punt_tvalid_reg && !m_punt_tready;
        cnt_tx_frame_next = 1'b0;
        cnt_punt_next = 1'b0;
        cnt_drop_next = 1'b0;
        cnt_mismatch_next = 1'b0;
        tail_done_next = tail_done_reg;
        inc_we = 1'b0;
        inc_ns = 1'b0;
        sess_req_valid = 1'b0;
        s_tready = 1'b0;
        job_take = 1'b0;
        fifo_pop = 1'b0;
        fifo_push = 1'b0;

        // ---- front: which session, and the lookup request
        ch = s_tuser_id[CH_W-1:0];
        if (s_tuser_kind) begin
            idx = s_tuser_id[SESS_AW-1:0];
            ok = (s_tuser_id < 16'(N_SESS)) && (s_tuser_id != 16'd0);
        end else begin
            idx = chan_sess[ch * SESS_AW +: SESS_AW];
            ok = (s_tuser_id < 16'(N_CH)) && chan_bound[ch];
            if (!ok)
                idx = '0;
        end
        sess_req_index = idx;

        case (f_state_reg)
            F_IDLE: begin
                // One job slot: wait until the output stage has taken the last.
                if (s_tvalid && !job_valid_reg) begin
                    sess_req_valid = 1'b1;
                    look_idx_next = idx;
                    look_kind_next = s_tuser_kind;
                    look_id_next = s_tuser_id;
                    look_len_next = s_tuser_len;
                    look_ok_next = ok;
                    f_state_next = F_LOOK;
                end
            end
            F_LOOK: begin
                job_valid_next = 1'b1;
                job_hdr_next = hdr_built;
                job_hlen_next = hlen_built;
                job_id_next = look_id_reg;
                job_len_next = look_len_reg;
                // A channel frame goes out only through a valid entry bound to
                // that channel; a host frame needs a valid entry.
                if (look_ok_reg && e_flags[FLAG_VALID]
                        && (look_kind_reg || !e_flags[FLAG_BIND_HOST])) begin
                    job_kind_next = J_ENCAP;
                    cnt_tx_frame_next = 1'b1;
                    inc_we = 1'b1;
                    inc_ns = e_flags[FLAG_SEQ_TX];
                end else if (!look_kind_reg) begin
                    job_kind_next = J_PUNT;
                    cnt_punt_next = 1'b1;
                end else begin
                    job_kind_next = J_DROP;
                    cnt_drop_next = 1'b1;
                end
                f_state_next = F_PAY;
            end
            default: begin // F_PAY
                s_tready = fifo_cnt_reg != (FIFO_LOG2+1)'(FIFO_D);
                if (s_tvalid && s_tready) begin
                    fifo_push = 1'b1;
                    if (s_tlast)
                        f_state_next = F_IDLE;
                end
            end
        endcase

        // ---- output
        net_can_load = !m_net_tvalid_reg || m_net_tready;
        punt_can_load = !m_punt_tvalid_reg || m_punt_tready;
        case (o_state_reg)
            O_IDLE: job_take = 1'b1;
            O_ENCAP: begin
                if (net_can_load && (!o_need_head || fifo_cnt_reg != '0)) begin
                    m_net_tdata_next = o_beat;
                    m_net_tkeep_next = o_keep;
                    m_net_tlast_next = o_last;
                    m_net_tvalid_next = 1'b1;
                    opos_next = opos_reg + 17'(DATA_W);
                    if (o_adv) begin
                        prev_next = head_data;
                        qc_next = qc_reg + 17'(DATA_W);
                    end
                    if (o_need_head) begin
                        fifo_pop = 1'b1;
                        tail_done_next = fifo_head[DATA_W*9];
                        // the frame's octets end here, and not where its length said
                        if (fifo_head[DATA_W*9]
                                && qc_reg + {{(16-LANE_W){1'b0}}, head_cnt} != {1'b0, cur_len_reg})
                            cnt_mismatch_next = 1'b1;
                    end
                    if (o_last) begin
                        if (tail_done_next) begin
                            job_take = 1'b1;
                        end else begin
                            // longer than its length: the rest goes, up to its tlast
                            o_state_next = O_DROP;
                            cnt_mismatch_next = 1'b1;
                        end
                    end
                end
            end
            O_PUNT: begin
                if (punt_can_load && fifo_cnt_reg != '0) begin
                    m_punt_tdata_next = head_data;
                    m_punt_tkeep_next = fifo_head[DATA_W*8 +: DATA_W];
                    m_punt_tlast_next = fifo_head[DATA_W*9];
                    m_punt_channel_next = cur_id_reg;
                    m_punt_len_next = cur_len_reg;
                    m_punt_tvalid_next = 1'b1;
                    fifo_pop = 1'b1;
                    job_take = fifo_head[DATA_W*9];
                end
            end
            default: begin // O_DROP
                if (fifo_cnt_reg != '0) begin
                    fifo_pop = 1'b1;
                    job_take = fifo_head[DATA_W*9];
                end
            end
        endcase

        // The next job starts in the cycle after the last one's last beat.
        if (job_take) begin
            if (job_valid_reg) begin
                job_valid_next = 1'b0;
                cur_hdr_next = job_hdr_reg;
                cur_hlen_next = job_hlen_reg;
                cur_id_next = job_id_reg;
                cur_len_next = job_len_reg;
                opos_next = '0;
                qc_next = '0;
                tail_done_next = 1'b0;
                case (job_kind_reg)
                    J_ENCAP: o_state_next = O_ENCAP;
                    J_PUNT: o_state_next = O_PUNT;
                    default: o_state_next = O_DROP;
                endcase
            end else begin
                o_state_next = O_IDLE;
            end
        end

        // octets beyond tkeep stored as zero (they may become padding)
        for (int i = 0; i < DATA_W; i++)
            lane_keep[i*8 +: 8] = {8{s_tkeep[i]}};
        if (fifo_push) begin
            fifo_next[fifo_wr_reg*FIFO_ENT_W +: FIFO_ENT_W] = {s_tlast, s_tkeep, s_tdata & lane_keep};
            fifo_wr_next = fifo_wr_reg + 1'b1;
        end
        if (fifo_pop)
            fifo_rd_next = fifo_rd_reg + 1'b1;
        fifo_cnt_next = fifo_cnt_reg + (FIFO_LOG2+1)'(fifo_push) - (FIFO_LOG2+1)'(fifo_pop);

        if (rst) begin
            f_state_next = F_IDLE;
            job_valid_next = 1'b0;
            fifo_rd_next = '0;
            fifo_wr_next = '0;
            fifo_cnt_next = '0;
            o_state_next = O_IDLE;
            m_net_tvalid_next = 1'b0;
            m_punt_tvalid_next = 1'b0;
            cnt_tx_frame_next = 1'b0;
            cnt_punt_next = 1'b0;
            cnt_drop_next = 1'b0;
            cnt_mismatch_next = 1'b0;
            inc_we = 1'b0;
        end
    end

    always_ff @(posedge clk) begin
        f_state_reg <= f_state_next;
        look_idx_reg <= look_idx_next;
        look_kind_reg <= look_kind_next;
        look_id_reg <= look_id_next;
        look_len_reg <= look_len_next;
        look_ok_reg <= look_ok_next;
        job_valid_reg <= job_valid_next;
        job_kind_reg <= job_kind_next;
        job_hdr_reg <= job_hdr_next;
        job_hlen_reg <= job_hlen_next;
        job_id_reg <= job_id_next;
        job_len_reg <= job_len_next;
        fifo_reg <= fifo_next;
        fifo_rd_reg <= fifo_rd_next;
        fifo_wr_reg <= fifo_wr_next;
        fifo_cnt_reg <= fifo_cnt_next;
        o_state_reg <= o_state_next;
        cur_hdr_reg <= cur_hdr_next;
        cur_hlen_reg <= cur_hlen_next;
        cur_id_reg <= cur_id_next;
        cur_len_reg <= cur_len_next;
        opos_reg <= opos_next;
        qc_reg <= qc_next;
        prev_reg <= prev_next;
        m_net_tdata_reg <= m_net_tdata_next;
        m_net_tkeep_reg <= m_net_tkeep_next;
        m_net_tvalid_reg <= m_net_tvalid_next;
        m_net_tlast_reg <= m_net_tlast_next;
        m_punt_tdata_reg <= m_punt_tdata_next;
        m_punt_tkeep_reg <= m_punt_tkeep_next;
        m_punt_tvalid_reg <= m_punt_tvalid_next;
        m_punt_tlast_reg <= m_punt_tlast_next;
        m_punt_channel_reg <= m_punt_channel_next;
        m_punt_len_reg <= m_punt_len_next;
        cnt_tx_frame_reg <= cnt_tx_frame_next;
        cnt_punt_reg <= cnt_punt_next;
        cnt_drop_reg <= cnt_drop_next;
        cnt_mismatch_reg <= cnt_mismatch_next;
        tail_done_reg <= tail_done_next;
    end

    // Per-session state: the frame's update first, a COMMIT after it (so a
    // COMMIT of the same index in the same cycle wins). Not cleared by rst:
    // the driver COMMITs an entry before it carries traffic.
    always_ff @(posedge clk) begin
        if (inc_we) begin
            if (inc_ns)
                ns_mem[look_idx_reg] <= cur_ns + 16'd1;
            pkts_mem[look_idx_reg] <= pkts_mem[look_idx_reg] + 32'd1;
            bytes_mem[look_idx_reg] <= bytes_mem[look_idx_reg] + {48'd0, look_len_reg};
        end
        if (commit_valid) begin
            ns_mem[commit_index] <= commit_seq[31:16];
            if (commit_zero_counters) begin
                pkts_mem[commit_index] <= 32'd0;
                bytes_mem[commit_index] <= 64'd0;
            end
        end
        rd_tx_packets_reg <= pkts_mem[rd_index];
        rd_tx_bytes_reg <= bytes_mem[rd_index];
        rd_ns_reg <= ns_mem[rd_index];
    end
endmodule

`resetall
