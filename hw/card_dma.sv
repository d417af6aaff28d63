`resetall
`default_nettype none

// The PCIe shell's DMA engine: the punt ring (card to host), the inject ring
// (host to card) and the interrupt with moderation, i.e. the BAR0 blocks
// PUNT, INJECT and IRQ of hw/regmap.md and its descriptor layouts.
//
// Register bus: the timing of card_regs (hw/ARCHITECTURE.md "Bus timing"):
// a write takes effect at its edge, a read in cycle t answers in t+1 with
// reg_rd_valid, reg_rdata is 0 otherwise and for offsets outside PUNT,
// INJECT and IRQ, so the shell ORs it with card_regs' read data.
//
// DMA master (served by the PCIe core; in simulation by the harness):
//   read requests   m_dma_rd_*: tag, byte address, length in octets
//   read completions s_dma_rc_*: tag and DATA_W octets per beat, the first
//                   requested octet in lane 0; the beats of one tag in order,
//                   tags in any order and interleaved. Always accepted: a read
//                   is issued only when its landing space is reserved.
//   write requests  m_dma_wr_*: one beat per request, octet i of wr_data goes
//                   to wr_addr + i when wr_be[i]; wr_last ends a burst. A
//                   write is done when accepted (posted, in order), so HEAD
//                   moves only after the descriptor's completion write was
//                   accepted: the host never sees HEAD before the data.
// Tags: 0..INJ_SLOTS-1 inject frame chunks, INJ_SLOTS the inject descriptor,
// INJ_SLOTS+1 the punt descriptor.
//
// Punt (s_punt_*, frames to the host): a frame goes into the punt FIFO as it
// arrives (s_punt_tready is always 1: the wire is never stalled); a frame that
// finds the FIFO (data or frame slots) full is dropped and counted
// (cnt_punt_ring_full). Frames leave the FIFO in order: the engine waits for a
// posted descriptor (HEAD != TAIL, ENABLE), reads it (up to
// 2^PUNT_DESC_BATCH_LOG2 posted descriptors in one read, kept in a small
// cache), writes the frame into its buffer and the CW half (LEN 31:16 frame
// length, META) back, then moves HEAD. A frame longer than the buffer is dropped, the descriptor completed
// with length 0 (cnt_punt_too_long). cnt_punt_frames counts every completed
// descriptor (as the driver's fake card does).
//
// Inject (m_inject_*, frames from the host): while HEAD != TAIL and ENABLE,
// the engine reads the descriptor at HEAD (up to 2^INJ_DESC_BATCH_LOG2 posted
// descriptors in one read, kept in a small cache), checks it (kind 1..3, length
// 1..INJECT_MAX_LEN, channel < N_CH, session 1..2^SESS_AW-1; a bad one is
// counted in cnt_inject_bad_desc and skipped), reads the frame in chunks of
// 2^CHUNK_BEATS_LOG2 beats, up to 2^INJ_SLOTS_LOG2 chunks in flight,
// reorders them and sends the frame, then moves HEAD. m_inject_tuser_* (kind,
// target, length) is constant over the frame; backpressure just waits.
//
// Writing RING_CTRL with ENABLE = 0 resets HEAD to TAIL (regmap); an
// operation already started then finishes, but moves neither HEAD nor CAUSE. soft_rst (CTRL.RESET) resets rings and
// FIFOs like rst but keeps IRQ MASK and moderation; its end sets
// CAUSE.RESET_DONE. Reads issued before it still complete (the PCIe link
// stays up): their completions are dropped and no read is issued until the
// last has come (rd_out_reg counts the beats owed).
//
// A read completion with s_dma_rc_err (the PCIe core's UR/CA or poisoned
// completion) stops both rings (regmap CTRL.STATUS.DMA_ERROR, on `dma_error`)
// until rst or soft_rst: no descriptor is started or used after it, a
// descriptor whose read was in flight is dropped; a frame already being
// written (punt) or sent (inject) still completes, so no stream is left
// without its tlast (an inject frame whose chunk read failed carries the
// completion's octets, undefined).
//
// Interrupt (regmap block IRQ): a cause bit is set by its event (PUNT: punt
// HEAD moved, INJECT: inject HEAD moved, DMA_ERROR: the first failed read,
// RESET_DONE), whatever the mask.
// Events whose mask bit is set are counted; `irq` (MSI-X vector 0) pulses
// for one cycle when some are counted, CAUSE & MASK is non-zero, and either
// MOD_CYCLES cycles have passed since the previous pulse or MOD_COUNT
// (non-zero) events have gathered. The count restarts at each pulse and is
// dropped when the host clears every enabled cause first.
module card_dma #(
    parameter int DATA_W = 8,            // octets per beat: 8 or 16
    parameter int N_CH = 32,             // ACCESS channels (inject kind 2 target bound)
    parameter int SESS_AW = 12,          // session table depth log2 (kind 3 target bound)
    parameter int PUNT_FIFO_LOG2 = 9,    // punt FIFO depth in beats, log2
    parameter int PUNT_META_LOG2 = 6,    // punt FIFO depth in frames, log2
    parameter int INJ_SLOTS_LOG2 = 2,    // inject chunks in flight, log2 (>= 1)
    parameter int CHUNK_BEATS_LOG2 = 3,  // beats per inject read request, log2
    parameter int RING_MAX_LOG2 = 15,    // MAX_LOG2 (driver/ring.h RING_MAX_LOG2)
    parameter int INJECT_MAX_LEN = 4096, // longest inject frame in octets
    parameter int PUNT_DESC_BATCH_LOG2 = 2, // punt descriptors fetched per read, log2
    parameter int INJ_DESC_BATCH_LOG2 = 2,  // inject descriptors fetched per read, log2
    localparam int W8 = DATA_W * 8,
    localparam int LANE_W = $clog2(DATA_W),
    localparam int TAG_W = INJ_SLOTS_LOG2 + 1
) (
    input  wire logic                 clk,
    input  wire logic                 rst,
    input  wire logic                 soft_rst,

    input  wire logic                 reg_wr_en,
    input  wire logic                 reg_rd_en,
    input  wire logic [15:0]          reg_addr,
    input  wire logic [31:0]          reg_wdata,
    output      logic [31:0]          reg_rdata,
    output      logic                 reg_rd_valid,

    input  wire logic [W8-1:0]        s_punt_tdata,
    input  wire logic [DATA_W-1:0]    s_punt_tkeep,
    input  wire logic                 s_punt_tvalid,
    output      logic                 s_punt_tready,
    input  wire logic                 s_punt_tlast,
    input  wire logic [7:0]           s_punt_tuser_reason,
    input  wire logic [15:0]          s_punt_tuser_session,
    input  wire logic [7:0]           s_punt_tuser_channel,

    output      logic [W8-1:0]        m_inject_tdata,
    output      logic [DATA_W-1:0]    m_inject_tkeep,
    output      logic                 m_inject_tvalid,
    input  wire logic                 m_inject_tready,
    output      logic                 m_inject_tlast,
    output      logic [1:0]           m_inject_tuser_kind,
    output      logic [15:0]          m_inject_tuser_target,
    output      logic [15:0]          m_inject_tuser_len,

    output      logic                 m_dma_rd_valid,
    input  wire logic                 m_dma_rd_ready,
    output      logic [TAG_W-1:0]     m_dma_rd_tag,
    output      logic [63:0]          m_dma_rd_addr,
    output      logic [15:0]          m_dma_rd_len,

    input  wire logic                 s_dma_rc_valid,
    input  wire logic [TAG_W-1:0]     s_dma_rc_tag,
    input  wire logic [W8-1:0]        s_dma_rc_data,
    input  wire logic                 s_dma_rc_err,    // the read failed (UR, CA, poisoned)

    output      logic                 m_dma_wr_valid,
    input  wire logic                 m_dma_wr_ready,
    output      logic [63:0]          m_dma_wr_addr,
    output      logic [W8-1:0]        m_dma_wr_data,
    output      logic [DATA_W-1:0]    m_dma_wr_be,
    output      logic                 m_dma_wr_last,

    output      logic                 irq,
    output      logic                 dma_error,       // to CTRL.STATUS.DMA_ERROR

    output      logic                 cnt_punt_frames,
    output      logic                 cnt_punt_ring_full,
    output      logic                 cnt_punt_too_long,
    output      logic                 cnt_inject_frames,
    output      logic                 cnt_inject_bad_desc
);

    localparam int PF_DEPTH = 1 << PUNT_FIFO_LOG2;
    localparam int PM_DEPTH = 1 << PUNT_META_LOG2;
    localparam int NS = 1 << INJ_SLOTS_LOG2;
    localparam int CB = 1 << CHUNK_BEATS_LOG2;
    localparam int CHUNK_LOG2 = CHUNK_BEATS_LOG2 + LANE_W;   // octets per chunk, log2
    localparam int DESC_BEATS = l2tp_card_pkg::CARD_DESC_SIZE / DATA_W;
    localparam int ID = 1 << INJ_DESC_BATCH_LOG2;            // inject descriptor cache entries
    localparam int IDC_W = $clog2(ID * DESC_BEATS + 1);
    localparam int IDI_W = INJ_DESC_BATCH_LOG2 + 1;
    localparam int PD = 1 << PUNT_DESC_BATCH_LOG2;           // punt descriptor cache entries
    localparam int PDC_W = $clog2(PD * DESC_BEATS + 1);      // beats of one batch read
    localparam int PDI_W = PUNT_DESC_BATCH_LOG2 + 1;         // 0..PD
    localparam int RC_W = CHUNK_BEATS_LOG2 + 1;              // beats received in a slot
    localparam int META_W = 16 + 16 + 16 + 8 + 8;            // beats, len, session, channel, reason
    localparam logic [TAG_W-1:0] TAG_INJ_DESC = TAG_W'(NS);
    localparam logic [TAG_W-1:0] TAG_PUNT_DESC = TAG_W'(NS + 1);

    initial begin
        if (DATA_W != 8 && DATA_W != 16)
            $error("card_dma: DATA_W %0d is not 8 or 16", DATA_W);
        if (INJ_SLOTS_LOG2 < 1 || RING_MAX_LOG2 > 15 || PUNT_FIFO_LOG2 + LANE_W > 15)
            $error("card_dma: bad INJ_SLOTS_LOG2, RING_MAX_LOG2 or PUNT_FIFO_LOG2");
        if (N_CH < 1 || N_CH > 256 || SESS_AW < 1 || SESS_AW > 16)
            $error("card_dma: N_CH %0d or SESS_AW %0d out of range", N_CH, SESS_AW);
    end

    typedef enum logic [2:0] {
        P_IDLE,      // waiting for a frame and a posted descriptor
        P_DESC_REQ,  // descriptor read waits for the read port
        P_DESC_WAIT, // descriptor beats arriving
        P_DECIDE,    // fits the buffer or not
        P_DATA,      // frame beats to the write port
        P_DESC_WR,   // completion write waits for the write port
        P_DESC_ACK   // completion write waits to be accepted
    } pstate_t;

    typedef enum logic [2:0] {
        I_IDLE,
        I_DESC_REQ,
        I_DESC_WAIT,
        I_CHECK,     // validate the descriptor
        I_FRAME      // chunks requested, reordered and sent
    } istate_t;

    // Octets -> lane mask of the last beat (0 means a full beat).
    function automatic logic [DATA_W-1:0] keep_of(input logic [LANE_W-1:0] r);
        keep_of = (r == '0) ? {DATA_W{1'b1}} : ~({DATA_W{1'b1}} << r);
    endfunction

    function automatic logic [15:0] ones(input logic [DATA_W-1:0] k);
        ones = 16'd0;
        for (int i = 0; i < DATA_W; i++)
            ones = ones + 16'(k[i]);
    endfunction

    // ---- registers --------------------------------------------------------
    // ring registers, [0] punt, [1] inject
    logic [127:0] base_reg, base_next;   // [0] punt, [1] inject
    logic [7:0] size_reg, size_next;   // [0] punt, [1] inject
    logic [63:0] head_reg, head_next;   // [0] punt, [1] inject
    logic [63:0] tail_reg, tail_next;   // [0] punt, [1] inject
    logic [1:0]  en_reg, en_next;
    // IRQ
    logic [3:0]  cause_reg, cause_next;
    logic [3:0]  mask_reg, mask_next;
    logic [31:0] mod_cycles_reg, mod_cycles_next;
    logic [31:0] mod_count_reg, mod_count_next;
    logic [31:0] hold_reg, hold_next;
    logic [31:0] events_reg, events_next;
    logic        srst_prev_reg, srst_prev_next;
    // register bus
    logic [31:0] rdata_reg, rdata_next;
    logic        rd_valid_reg, rd_valid_next;
    // DMA ports
    logic             rdv_reg, rd_valid_next_q;
    logic [TAG_W-1:0] rd_tag_reg, rd_tag_next;
    logic [63:0]      rd_addr_reg, rd_addr_next;
    logic [15:0]      rd_len_reg, rd_len_next;
    logic             wr_valid_reg, wr_valid_next;
    logic [63:0]      wr_addr_reg, wr_addr_next;
    logic [W8-1:0]    wr_data_reg, wr_data_next;
    logic [DATA_W-1:0] wr_be_reg, wr_be_next;
    logic             wr_last_reg, wr_last_next;
    // punt FIFO (input side)
    logic [PUNT_FIFO_LOG2:0] pf_wr_reg, pf_wr_next;     // next beat written
    logic [PUNT_FIFO_LOG2:0] pf_cm_reg, pf_cm_next;     // start of the frame being written
    logic [PUNT_FIFO_LOG2:0] pf_rd_reg, pf_rd_next;     // next beat read
    logic [15:0]             pf_len_reg, pf_len_next;   // octets of the frame being written
    logic                    pf_drop_reg, pf_drop_next; // rest of this frame discarded
    logic [PUNT_META_LOG2:0] pm_wr_reg, pm_wr_next;
    logic [PUNT_META_LOG2:0] pm_rd_reg, pm_rd_next;
    // punt engine
    pstate_t     p_state_reg, p_state_next;
    // Punt descriptor cache: one read fetches up to PD posted descriptors
    // (HEAD onward, not past the ring's end), so a burst of frames pays the
    // read latency once per PD frames, not per frame.
    logic [PD*128-1:0] p_dc_reg, p_dc_next;
    logic [PDC_W-1:0] p_dcnt_reg, p_dcnt_next;          // batch beats received
    logic [PDI_W-1:0] p_dci_reg, p_dci_next;            // cache entry of HEAD
    logic [PDI_W-1:0] p_dcn_reg, p_dcn_next;            // entries cached
    logic [PDI_W-1:0] p_reqn_reg, p_reqn_next;          // entries the read in flight brings
    logic p_inval_reg, p_inval_next;                    // ring reset while it was in flight
    logic dma_err_reg, dma_err_next;                    // a read failed: the rings stopped
    // Completion beats still owed by the host for reads issued; kept across
    // soft_rst, whose reads still complete: until they have, completions are
    // dropped (flush) and no read is issued, so none lands in a new frame.
    logic [15:0] rd_out_reg, rd_out_next;
    logic flush_reg, flush_next;
    logic [15:0] p_beat_reg, p_beat_next;               // frame beats written
    logic [15:0] p_wlen_reg, p_wlen_next;               // length written back (0: too long)
    logic [31:0] p_meta_reg, p_meta_next;               // META: session, channel, reason
    // inject engine
    istate_t     i_state_reg, i_state_next;
    // Inject descriptor cache, as the punt one: up to ID posted descriptors
    // per read.
    logic [ID*128-1:0] i_dc_reg, i_dc_next;
    logic [IDC_W-1:0] i_dcnt_reg, i_dcnt_next;
    logic [IDI_W-1:0] i_dci_reg, i_dci_next;
    logic [IDI_W-1:0] i_dcn_reg, i_dcn_next;
    logic [IDI_W-1:0] i_reqn_reg, i_reqn_next;
    logic i_inval_reg, i_inval_next;
    logic [15:0] i_req_reg, i_req_next;                 // chunks requested
    logic [15:0] i_emit_reg, i_emit_next;               // frame beats sent
    logic [NS*RC_W-1:0] i_rcv_reg, i_rcv_next;          // beats landed per slot
    // inject output
    logic [W8-1:0]     o_data_reg, o_data_next;
    logic [DATA_W-1:0] o_keep_reg, o_keep_next;
    logic              o_valid_reg, o_valid_next;
    logic              o_last_reg, o_last_next;
    logic [1:0]        o_kind_reg, o_kind_next;
    logic [15:0]       o_target_reg, o_target_next;
    logic [15:0]       o_len_reg, o_len_next;

    // RAMs: written in always_ff from these, read asynchronously
    logic [W8-1:0]  pf_mem [PF_DEPTH];
    logic [META_W-1:0] pm_mem [PM_DEPTH];
    logic [W8-1:0]  i_mem [NS * CB];
    logic                    pf_we;
    logic [PUNT_FIFO_LOG2-1:0] pf_waddr;
    logic                    pm_we;
    logic [META_W-1:0]       pm_wdata;
    logic                    i_we;
    logic [INJ_SLOTS_LOG2+CHUNK_BEATS_LOG2-1:0] i_waddr;

    assign reg_rdata = rdata_reg;
    assign reg_rd_valid = rd_valid_reg;
    assign s_punt_tready = 1'b1;
    assign m_inject_tdata = o_data_reg;
    assign m_inject_tkeep = o_keep_reg;
    assign m_inject_tvalid = o_valid_reg;
    assign m_inject_tlast = o_last_reg;
    assign m_inject_tuser_kind = o_kind_reg;
    assign m_inject_tuser_target = o_target_reg;
    assign m_inject_tuser_len = o_len_reg;
    assign m_dma_rd_valid = rdv_reg;
    assign m_dma_rd_tag = rd_tag_reg;
    assign m_dma_rd_addr = rd_addr_reg;
    assign m_dma_rd_len = rd_len_reg;
    assign m_dma_wr_valid = wr_valid_reg;
    assign m_dma_wr_addr = wr_addr_reg;
    assign m_dma_wr_data = wr_data_reg;
    assign m_dma_wr_be = wr_be_reg;
    assign m_dma_wr_last = wr_last_reg;
    assign dma_error = dma_err_reg;

    // Frame at the head of the punt FIFO: {beats, len, session, channel, reason}
    logic [META_W-1:0] pm_head;
    logic [15:0] ph_beats, ph_len;
    assign pm_head = pm_mem[pm_rd_reg[PUNT_META_LOG2-1:0]];
    assign ph_beats = pm_head[63:48];
    assign ph_len = pm_head[47:32];

    // the punt descriptor of HEAD, from the cache
    logic [127:0] p_desc_reg;
    assign p_desc_reg = p_dc_reg[32'(p_dci_reg[PUNT_DESC_BATCH_LOG2-1:0]) * 128 +: 128];

    // inject descriptor fields: the descriptor of HEAD, from the cache
    logic [127:0] i_desc_reg;
    assign i_desc_reg = i_dc_reg[32'(i_dci_reg[INJ_DESC_BATCH_LOG2-1:0]) * 128 +: 128];
    logic [63:0] i_addr;
    logic [15:0] i_len, i_target;
    logic [7:0]  i_kind;
    logic [15:0] i_beats, i_chunks;
    assign i_addr = i_desc_reg[63:0];
    assign i_len = i_desc_reg[79:64];
    assign i_kind = i_desc_reg[87:80];
    assign i_target = i_desc_reg[111:96];
    assign i_beats = 16'((17'(i_len) + 17'(DATA_W - 1)) >> LANE_W);
    assign i_chunks = 16'((17'(i_len) + 17'((1 << CHUNK_LOG2) - 1)) >> CHUNK_LOG2);

    // Reserved descriptor octets and the address's byte lanes: read nowhere.
    // verilator lint_off UNUSEDSIGNAL
    logic unused_desc;
    assign unused_desc = ^{i_desc_reg[95:88], i_desc_reg[127:112], p_desc_reg[127:80],
                           reg_addr[1:0]};
    // verilator lint_on UNUSEDSIGNAL

    always_comb begin
        logic [7:0] blk;
        logic [7:0] off;
        logic [1:0] ring;             // which ring block the bus addresses (bit 1: none)
        logic [31:0] rd_value;
        logic p_moved, i_moved;       // HEAD of punt / inject advances this cycle
        logic rd_can_load, wr_can_load, o_can_load;
        logic [3:0] ev;
        logic [31:0] ev_count;
        logic fire;
        logic [PUNT_FIFO_LOG2:0] pf_used;
        logic [PUNT_FIFO_LOG2:0] pf_frame_beats;  // beats of the frame ending now
        logic [PUNT_META_LOG2:0] pm_used;
        logic [15:0] p_last_octets;
        logic [INJ_SLOTS_LOG2-1:0] e_slot;
        logic [CHUNK_BEATS_LOG2-1:0] e_beat;
        logic [15:0] e_chunk;
        logic [15:0] rem;
        logic i_bad;
        logic p_disable;              // the host writes punt RING_CTRL.ENABLE = 0
        logic [31:0] p_avail, p_room; // posted descriptors, slots to the ring's end
        logic [PDI_W-1:0] p_n;        // descriptors the next batch read fetches
        logic i_disable;
        logic rc_ok;                  // a completion for a read of this reset's life
        logic [31:0] i_avail, i_room;
        logic [IDI_W-1:0] i_n;

        for (int r = 0; r < 2; r++) begin
            base_next[32'(r) * 64 +: 64] = base_reg[32'(r) * 64 +: 64];
            size_next[32'(r) * 4 +: 4] = size_reg[32'(r) * 4 +: 4];
            head_next[32'(r) * 32 +: 32] = head_reg[32'(r) * 32 +: 32];
            tail_next[32'(r) * 32 +: 32] = tail_reg[32'(r) * 32 +: 32];
            en_next[r] = en_reg[r];
        end
        cause_next = cause_reg;
        mask_next = mask_reg;
        mod_cycles_next = mod_cycles_reg;
        mod_count_next = mod_count_reg;
        hold_next = (hold_reg != 32'd0) ? hold_reg - 32'd1 : 32'd0;
        events_next = events_reg;
        srst_prev_next = soft_rst;
        rd_valid_next_q = rdv_reg && !m_dma_rd_ready;
        rd_tag_next = rd_tag_reg;
        rd_addr_next = rd_addr_reg;
        rd_len_next = rd_len_reg;
        wr_valid_next = wr_valid_reg && !m_dma_wr_ready;
        wr_addr_next = wr_addr_reg;
        wr_data_next = wr_data_reg;
        wr_be_next = wr_be_reg;
        wr_last_next = wr_last_reg;
        pf_wr_next = pf_wr_reg;
        pf_cm_next = pf_cm_reg;
        pf_rd_next = pf_rd_reg;
        pf_len_next = pf_len_reg;
        pf_drop_next = pf_drop_reg;
        pm_wr_next = pm_wr_reg;
        pm_rd_next = pm_rd_reg;
        p_state_next = p_state_reg;
        p_dc_next = p_dc_reg;
        p_dcnt_next = p_dcnt_reg;
        p_dci_next = p_dci_reg;
        p_dcn_next = p_dcn_reg;
        p_reqn_next = p_reqn_reg;
        p_inval_next = p_inval_reg;
        rc_ok = s_dma_rc_valid && !flush_reg;
        dma_err_next = dma_err_reg || (rc_ok && s_dma_rc_err);
        rd_out_next = rd_out_reg - {15'd0, s_dma_rc_valid};
        if (rdv_reg && m_dma_rd_ready)
            rd_out_next = rd_out_next + 16'((17'(rd_len_reg) + 17'(DATA_W - 1)) >> LANE_W);
        flush_next = soft_rst || (flush_reg && rd_out_next != 16'd0);
        p_beat_next = p_beat_reg;
        p_wlen_next = p_wlen_reg;
        p_meta_next = p_meta_reg;
        i_state_next = i_state_reg;
        i_dc_next = i_dc_reg;
        i_dcnt_next = i_dcnt_reg;
        i_dci_next = i_dci_reg;
        i_dcn_next = i_dcn_reg;
        i_reqn_next = i_reqn_reg;
        i_inval_next = i_inval_reg;
        i_req_next = i_req_reg;
        i_emit_next = i_emit_reg;
        i_rcv_next = i_rcv_reg;
        o_data_next = o_data_reg;
        o_keep_next = o_keep_reg;
        o_valid_next = o_valid_reg && !m_inject_tready;
        o_last_next = o_last_reg;
        o_kind_next = o_kind_reg;
        o_target_next = o_target_reg;
        o_len_next = o_len_reg;
        pf_we = 1'b0;
        pf_waddr = pf_wr_reg[PUNT_FIFO_LOG2-1:0];
        pm_we = 1'b0;
        pf_frame_beats = pf_wr_reg + 1'b1 - pf_cm_reg;
        pm_wdata = {16'(pf_frame_beats), pf_len_reg + ones(s_punt_tkeep),
                    s_punt_tuser_session, s_punt_tuser_channel, s_punt_tuser_reason};
        i_we = 1'b0;
        i_waddr = '0;
        cnt_punt_frames = 1'b0;
        cnt_punt_ring_full = 1'b0;
        cnt_punt_too_long = 1'b0;
        cnt_inject_frames = 1'b0;
        cnt_inject_bad_desc = 1'b0;
        p_moved = 1'b0;
        i_moved = 1'b0;
        rd_can_load = (!rdv_reg || m_dma_rd_ready) && !flush_reg;
        wr_can_load = !wr_valid_reg || m_dma_wr_ready;
        o_can_load = !o_valid_reg || m_inject_tready;

        // ---- register bus -------------------------------------------------
        blk = reg_addr[15:8];
        off = {reg_addr[7:2], 2'b00};
        ring = (blk == l2tp_card_pkg::CARD_BLK_PUNT_BASE[15:8]) ? 2'd0 :
               (blk == l2tp_card_pkg::CARD_BLK_INJECT_BASE[15:8]) ? 2'd1 : 2'd2;
        rd_value = 32'd0;
        if (!ring[1]) begin
            case (off)
                l2tp_card_pkg::CARD_BLK_TYPE:
                    rd_value = ring[0] ? l2tp_card_pkg::CARD_BLK_INJECT_TYPE
                                       : l2tp_card_pkg::CARD_BLK_PUNT_TYPE;
                l2tp_card_pkg::CARD_BLK_VERSION: rd_value = l2tp_card_pkg::CARD_BLK_VERSION_1_0;
                l2tp_card_pkg::CARD_BLK_NEXT:
                    rd_value = ring[0] ? 32'(l2tp_card_pkg::CARD_BLK_IRQ_BASE)
                                       : 32'(l2tp_card_pkg::CARD_BLK_INJECT_BASE);
                l2tp_card_pkg::CARD_RING_BASE_LO: rd_value = base_reg[32'(ring[0]) * 64 +: 32];
                l2tp_card_pkg::CARD_RING_BASE_HI: rd_value = base_reg[32'(ring[0]) * 64 + 32 +: 32];
                l2tp_card_pkg::CARD_RING_SIZE_LOG2: rd_value = 32'(size_reg[32'(ring[0]) * 4 +: 4]);
                l2tp_card_pkg::CARD_RING_HEAD: rd_value = head_reg[32'(ring[0]) * 32 +: 32];
                l2tp_card_pkg::CARD_RING_TAIL: rd_value = tail_reg[32'(ring[0]) * 32 +: 32];
                l2tp_card_pkg::CARD_RING_RING_CTRL: rd_value = 32'(en_reg[ring[0]]);
                l2tp_card_pkg::CARD_RING_MAX_LOG2: rd_value = 32'(RING_MAX_LOG2);
                default: rd_value = 32'd0;
            endcase
        end else if (blk == l2tp_card_pkg::CARD_BLK_IRQ_BASE[15:8]) begin
            case (off)
                l2tp_card_pkg::CARD_BLK_TYPE: rd_value = l2tp_card_pkg::CARD_BLK_IRQ_TYPE;
                l2tp_card_pkg::CARD_BLK_VERSION: rd_value = l2tp_card_pkg::CARD_BLK_VERSION_1_0;
                l2tp_card_pkg::CARD_BLK_NEXT: rd_value = 32'd0;   // the last block
                l2tp_card_pkg::CARD_IRQ_CAUSE: rd_value = 32'(cause_reg);
                l2tp_card_pkg::CARD_IRQ_MASK: rd_value = 32'(mask_reg);
                l2tp_card_pkg::CARD_IRQ_MOD_CYCLES: rd_value = mod_cycles_reg;
                l2tp_card_pkg::CARD_IRQ_MOD_COUNT: rd_value = mod_count_reg;
                default: rd_value = 32'd0;
            endcase
        end
        rdata_next = reg_rd_en ? rd_value : 32'd0;
        rd_valid_next = reg_rd_en;

        if (reg_wr_en && !ring[1]) begin
            case (off)
                l2tp_card_pkg::CARD_RING_BASE_LO: base_next[32'(ring[0]) * 64 +: 32] = reg_wdata;
                l2tp_card_pkg::CARD_RING_BASE_HI: base_next[32'(ring[0]) * 64 + 32 +: 32] = reg_wdata;
                l2tp_card_pkg::CARD_RING_SIZE_LOG2:
                    // regmap: written while ENABLE = 0; sizes the card cannot take are ignored
                    if (!en_reg[ring[0]] && reg_wdata <= 32'(RING_MAX_LOG2))
                        size_next[32'(ring[0]) * 4 +: 4] = reg_wdata[3:0];
                l2tp_card_pkg::CARD_RING_TAIL: tail_next[32'(ring[0]) * 32 +: 32] = reg_wdata;
                l2tp_card_pkg::CARD_RING_RING_CTRL:
                    en_next[ring[0]] = reg_wdata[l2tp_card_pkg::CARD_RING_ENABLE_BIT];
                default: ;
            endcase
        end
        if (reg_wr_en && blk == l2tp_card_pkg::CARD_BLK_IRQ_BASE[15:8]) begin
            case (off)
                l2tp_card_pkg::CARD_IRQ_CAUSE: cause_next = cause_reg & ~reg_wdata[3:0];
                l2tp_card_pkg::CARD_IRQ_MASK: mask_next = reg_wdata[3:0];
                l2tp_card_pkg::CARD_IRQ_MOD_CYCLES: mod_cycles_next = reg_wdata;
                l2tp_card_pkg::CARD_IRQ_MOD_COUNT: mod_count_next = reg_wdata;
                default: ;
            endcase
        end

        // ---- punt FIFO input: never stalls; drops whole frames when full ----
        pf_used = pf_wr_reg - pf_rd_reg;
        pm_used = pm_wr_reg - pm_rd_reg;
        if (s_punt_tvalid) begin
            if (pf_drop_reg) begin
                pf_drop_next = !s_punt_tlast;
            end else if (pf_used == (PUNT_FIFO_LOG2 + 1)'(PF_DEPTH) ||
                         (s_punt_tlast && pm_used == (PUNT_META_LOG2 + 1)'(PM_DEPTH))) begin
                // no room for this beat, or no frame slot: the frame is lost
                cnt_punt_ring_full = 1'b1;
                pf_wr_next = pf_cm_reg;
                pf_len_next = 16'd0;
                pf_drop_next = !s_punt_tlast;
            end else begin
                pf_we = 1'b1;
                pf_wr_next = pf_wr_reg + 1'b1;
                pf_len_next = pf_len_reg + ones(s_punt_tkeep);
                if (s_punt_tlast) begin
                    pm_we = 1'b1;
                    pm_wr_next = pm_wr_reg + 1'b1;
                    pf_cm_next = pf_wr_reg + 1'b1;
                    pf_len_next = 16'd0;
                end
            end
        end

        // ---- punt engine ----------------------------------------------------
        p_disable = reg_wr_en && ring == 2'd0 && off == l2tp_card_pkg::CARD_RING_RING_CTRL &&
                    !reg_wdata[l2tp_card_pkg::CARD_RING_ENABLE_BIT];
        p_avail = tail_reg[31:0] - head_reg[31:0];
        p_room = (32'd1 << size_reg[3:0]) - (head_reg[31:0] & ~(32'hFFFF_FFFF << size_reg[3:0]));
        p_n = PDI_W'(PD);
        if (p_avail < 32'(p_n))
            p_n = PDI_W'(p_avail);
        if (p_room < 32'(p_n))
            p_n = PDI_W'(p_room);
        p_last_octets = p_wlen_reg - (p_beat_reg << LANE_W);
        case (p_state_reg)
            P_IDLE:
                if (pm_used != '0 && en_reg[0] && head_reg[31:0] != tail_reg[31:0] &&
                    !dma_err_reg)
                    p_state_next = (p_dci_reg < p_dcn_reg) ? P_DECIDE : P_DESC_REQ;
            P_DESC_REQ:     // the read port arbiter below moves it on
                if (head_reg[31:0] == tail_reg[31:0] || dma_err_reg)
                    p_state_next = P_IDLE;   // the host took its descriptors back, or stopped
            P_DESC_WAIT:
                if (p_dcnt_reg == PDC_W'(32'(p_reqn_reg) * DESC_BEATS)) begin
                    if (p_inval_reg || p_disable || dma_err_reg) begin
                        p_state_next = P_IDLE;
                    end else begin
                        p_dcn_next = p_reqn_reg;
                        p_state_next = P_DECIDE;
                    end
                end
            P_DECIDE: begin
                p_beat_next = 16'd0;
                p_meta_next = {pm_head[31:16], pm_head[15:8], pm_head[7:0]};
                if (ph_len > p_desc_reg[79:64]) begin
                    // longer than the posted buffer: dropped, descriptor completed with 0
                    p_wlen_next = 16'd0;
                    pf_rd_next = pf_rd_reg + ph_beats[PUNT_FIFO_LOG2:0];
                    pm_rd_next = pm_rd_reg + 1'b1;
                    cnt_punt_too_long = 1'b1;
                    p_state_next = P_DESC_WR;
                end else begin
                    p_wlen_next = ph_len;
                    p_state_next = (ph_beats == 16'd0) ? P_DESC_WR : P_DATA;
                    if (ph_beats == 16'd0)
                        pm_rd_next = pm_rd_reg + 1'b1;
                end
            end
            P_DATA:
                if (wr_can_load) begin
                    wr_valid_next = 1'b1;
                    wr_addr_next = p_desc_reg[63:0] + 64'({p_beat_reg, {LANE_W{1'b0}}});
                    wr_data_next = pf_mem[pf_rd_reg[PUNT_FIFO_LOG2-1:0]];
                    wr_be_next = (p_last_octets >= 16'(DATA_W)) ? {DATA_W{1'b1}}
                               : (p_last_octets == 16'd0) ? {DATA_W{1'b0}}
                               : keep_of(p_last_octets[LANE_W-1:0]);
                    wr_last_next = p_beat_reg + 16'd1 == ph_beats;
                    pf_rd_next = pf_rd_reg + 1'b1;
                    p_beat_next = p_beat_reg + 16'd1;
                    if (p_beat_reg + 16'd1 == ph_beats) begin
                        pm_rd_next = pm_rd_reg + 1'b1;
                        p_state_next = P_DESC_WR;
                    end
                end
            P_DESC_WR:
                if (wr_can_load) begin
                    wr_valid_next = 1'b1;
                    wr_addr_next = base_reg[63:0] + 64'({head_reg[31:0] & ~(32'hFFFF_FFFF << size_reg[3:0]),
                                                      4'b0000})
                                 + 64'(l2tp_card_pkg::CARD_DESC_LEN_OCTET);
                    // LEN (31:16 frame length, 15:0 the buffer size as posted), META
                    wr_data_next = W8'({p_meta_reg, p_wlen_reg, p_desc_reg[79:64]});
                    wr_be_next = DATA_W'(8'hFF);
                    wr_last_next = 1'b1;
                    p_state_next = P_DESC_ACK;
                end
            default: // P_DESC_ACK
                if (m_dma_wr_ready) begin
                    p_moved = 1'b1;
                    cnt_punt_frames = 1'b1;
                    p_dci_next = p_dci_reg + 1'b1;
                    p_state_next = P_IDLE;
                end
        endcase
        if (p_state_reg == P_DESC_WAIT && rc_ok && s_dma_rc_tag == TAG_PUNT_DESC) begin
            p_dc_next[32'(p_dcnt_reg) * W8 +: W8] = s_dma_rc_data;
            p_dcnt_next = p_dcnt_reg + 1'b1;
        end
        // HEAD goes back to TAIL: what the cache holds is no longer posted
        if (p_disable) begin
            p_dcn_next = '0;
            p_inval_next = 1'b1;
        end

        // ---- inject engine --------------------------------------------------
        e_chunk = i_emit_reg >> CHUNK_BEATS_LOG2;
        e_slot = e_chunk[INJ_SLOTS_LOG2-1:0];
        e_beat = i_emit_reg[CHUNK_BEATS_LOG2-1:0];
        rem = i_len - (i_req_reg << CHUNK_LOG2);
        i_bad = 1'b0;
        if (i_kind != l2tp_card_pkg::CARD_INJECT_KIND_NET &&
            i_kind != l2tp_card_pkg::CARD_INJECT_KIND_CHANNEL_PPP &&
            i_kind != l2tp_card_pkg::CARD_INJECT_KIND_SESSION_PPP)
            i_bad = 1'b1;
        if (i_len == 16'd0 || 32'(i_len) > 32'(INJECT_MAX_LEN))
            i_bad = 1'b1;
        if (i_kind == l2tp_card_pkg::CARD_INJECT_KIND_CHANNEL_PPP && 32'(i_target) >= 32'(N_CH))
            i_bad = 1'b1;
        if (i_kind == l2tp_card_pkg::CARD_INJECT_KIND_SESSION_PPP &&
            (i_target == 16'd0 || 32'(i_target) >= (32'd1 << SESS_AW)))
            i_bad = 1'b1;
        i_disable = reg_wr_en && ring == 2'd1 && off == l2tp_card_pkg::CARD_RING_RING_CTRL &&
                    !reg_wdata[l2tp_card_pkg::CARD_RING_ENABLE_BIT];
        i_avail = tail_reg[63:32] - head_reg[63:32];
        i_room = (32'd1 << size_reg[7:4]) - (head_reg[63:32] & ~(32'hFFFF_FFFF << size_reg[7:4]));
        i_n = IDI_W'(ID);
        if (i_avail < 32'(i_n))
            i_n = IDI_W'(i_avail);
        if (i_room < 32'(i_n))
            i_n = IDI_W'(i_room);
        case (i_state_reg)
            I_IDLE:
                if (en_reg[1] && head_reg[63:32] != tail_reg[63:32] && !dma_err_reg)
                    i_state_next = (i_dci_reg < i_dcn_reg) ? I_CHECK : I_DESC_REQ;
            I_DESC_REQ:
                if (head_reg[63:32] == tail_reg[63:32] || dma_err_reg)
                    i_state_next = I_IDLE;
            I_DESC_WAIT:
                if (i_dcnt_reg == IDC_W'(32'(i_reqn_reg) * DESC_BEATS)) begin
                    if (i_inval_reg || i_disable || dma_err_reg) begin
                        i_state_next = I_IDLE;
                    end else begin
                        i_dcn_next = i_reqn_reg;
                        i_state_next = I_CHECK;
                    end
                end
            I_CHECK: begin
                i_req_next = 16'd0;
                i_emit_next = 16'd0;
                if (i_bad) begin
                    cnt_inject_bad_desc = 1'b1;
                    i_moved = 1'b1;
                    i_dci_next = i_dci_reg + 1'b1;
                    i_state_next = I_IDLE;
                end else begin
                    i_state_next = I_FRAME;
                end
            end
            default: // I_FRAME: send the next beat once its chunk has landed
                if (o_can_load &&
                    i_rcv_reg[32'(e_slot) * RC_W +: RC_W] > RC_W'(e_beat)) begin
                    o_valid_next = 1'b1;
                    o_data_next = i_mem[{e_slot, e_beat}];
                    o_last_next = i_emit_reg + 16'd1 == i_beats;
                    o_keep_next = (i_emit_reg + 16'd1 == i_beats) ? keep_of(i_len[LANE_W-1:0])
                                                                  : {DATA_W{1'b1}};
                    o_kind_next = i_kind[1:0];
                    o_target_next = i_target;
                    o_len_next = i_len;
                    i_emit_next = i_emit_reg + 16'd1;
                    // the chunk's slot is free once its last beat is out
                    if (e_beat == {CHUNK_BEATS_LOG2{1'b1}} || i_emit_reg + 16'd1 == i_beats)
                        i_rcv_next[32'(e_slot) * RC_W +: RC_W] = '0;
                    if (i_emit_reg + 16'd1 == i_beats) begin
                        cnt_inject_frames = 1'b1;
                        i_moved = 1'b1;
                        i_dci_next = i_dci_reg + 1'b1;
                        i_state_next = I_IDLE;
                    end
                end
        endcase
        if (rc_ok && i_state_reg == I_DESC_WAIT && s_dma_rc_tag == TAG_INJ_DESC) begin
            i_dc_next[32'(i_dcnt_reg) * W8 +: W8] = s_dma_rc_data;
            i_dcnt_next = i_dcnt_reg + 1'b1;
        end
        if (i_disable) begin
            i_dcn_next = '0;
            i_inval_next = 1'b1;
        end
        if (rc_ok && s_dma_rc_tag < TAG_W'(NS)) begin
            i_we = 1'b1;
            i_waddr = {s_dma_rc_tag[INJ_SLOTS_LOG2-1:0],
                       i_rcv_reg[32'(s_dma_rc_tag) * RC_W +: CHUNK_BEATS_LOG2]};
            i_rcv_next[32'(s_dma_rc_tag) * RC_W +: RC_W] =
                i_rcv_reg[32'(s_dma_rc_tag) * RC_W +: RC_W] + 1'b1;
        end

        // ---- read port: punt descriptor first, then inject ---------------
        if (rd_can_load) begin
            if (p_state_reg == P_DESC_REQ && head_reg[31:0] != tail_reg[31:0] && !dma_err_reg) begin
                rd_valid_next_q = 1'b1;
                rd_tag_next = TAG_PUNT_DESC;
                rd_addr_next = base_reg[63:0] + 64'({head_reg[31:0] & ~(32'hFFFF_FFFF << size_reg[3:0]),
                                                  4'b0000});
                rd_len_next = 16'(32'(p_n) * l2tp_card_pkg::CARD_DESC_SIZE);
                p_state_next = P_DESC_WAIT;
                p_dcnt_next = '0;
                p_dci_next = '0;
                p_dcn_next = '0;
                p_reqn_next = p_n;
                p_inval_next = 1'b0;
            end else if (i_state_reg == I_DESC_REQ && head_reg[63:32] != tail_reg[63:32] &&
                         !dma_err_reg) begin
                rd_valid_next_q = 1'b1;
                rd_tag_next = TAG_INJ_DESC;
                rd_addr_next = base_reg[127:64] + 64'({head_reg[63:32] & ~(32'hFFFF_FFFF << size_reg[7:4]),
                                                  4'b0000});
                rd_len_next = 16'(32'(i_n) * l2tp_card_pkg::CARD_DESC_SIZE);
                i_state_next = I_DESC_WAIT;
                i_dcnt_next = '0;
                i_dci_next = '0;
                i_dcn_next = '0;
                i_reqn_next = i_n;
                i_inval_next = 1'b0;
            end else if (i_state_reg == I_FRAME && i_req_reg < i_chunks &&
                         i_req_reg - e_chunk < 16'(NS)) begin
                rd_valid_next_q = 1'b1;
                rd_tag_next = TAG_W'(i_req_reg[INJ_SLOTS_LOG2-1:0]);
                rd_addr_next = i_addr + 64'({i_req_reg, {CHUNK_LOG2{1'b0}}});
                rd_len_next = (rem > 16'(1 << CHUNK_LOG2)) ? 16'(1 << CHUNK_LOG2) : rem;
                i_req_next = i_req_reg + 16'd1;
            end
        end

        // ---- HEADs: move only while enabled; writing ENABLE = 0 resets HEAD
        // to TAIL (regmap PUNT/INJECT RING_CTRL) --------------------------------
        if (p_moved && en_reg[0])
            head_next[31:0] = head_reg[31:0] + 32'd1;
        if (i_moved && en_reg[1])
            head_next[63:32] = head_reg[63:32] + 32'd1;
        if (reg_wr_en && !ring[1] && off == l2tp_card_pkg::CARD_RING_RING_CTRL &&
            !reg_wdata[l2tp_card_pkg::CARD_RING_ENABLE_BIT])
            head_next[32'(ring[0]) * 32 +: 32] = tail_reg[32'(ring[0]) * 32 +: 32];

        // ---- interrupt and moderation ---------------------------------------
        ev = 4'd0;
        ev[l2tp_card_pkg::CARD_IRQ_PUNT_BIT] = p_moved && en_reg[0];
        ev[l2tp_card_pkg::CARD_IRQ_INJECT_BIT] = i_moved && en_reg[1];
        ev[l2tp_card_pkg::CARD_IRQ_DMA_ERROR_BIT] = rc_ok && s_dma_rc_err && !dma_err_reg;
        ev[l2tp_card_pkg::CARD_IRQ_RESET_DONE_BIT] = srst_prev_reg && !soft_rst;
        cause_next = cause_next | ev;
        ev_count = {31'd0, ev[0] & mask_reg[0]} + {31'd0, ev[1] & mask_reg[1]} +
                   {31'd0, ev[2] & mask_reg[2]} + {31'd0, ev[3] & mask_reg[3]};
        fire = events_reg != 32'd0 && (cause_reg & mask_reg) != 4'd0 &&
               (hold_reg == 32'd0 || (mod_count_reg != 32'd0 && events_reg >= mod_count_reg));
        irq = fire;
        if (fire) begin
            events_next = ev_count;
            hold_next = (mod_cycles_reg != 32'd0) ? mod_cycles_reg - 32'd1 : 32'd0;
        end else if ((cause_next & mask_next) == 4'd0) begin
            events_next = 32'd0;  // the host cleared every enabled cause: nothing to tell
        end else begin
            events_next = (events_reg + ev_count < events_reg) ? 32'hFFFF_FFFF
                                                                : events_reg + ev_count;
        end
    end

    always_ff @(posedge clk) begin
        if (pf_we)
            pf_mem[pf_waddr] <= s_punt_tdata;
        if (pm_we)
            pm_mem[pm_wr_reg[PUNT_META_LOG2-1:0]] <= pm_wdata;
        if (i_we)
            i_mem[i_waddr] <= s_dma_rc_data;
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            cause_reg <= 4'd0;
            mask_reg <= 4'd0;
            mod_cycles_reg <= 32'd0;
            mod_count_reg <= 32'd0;
            hold_reg <= 32'd0;
            events_reg <= 32'd0;
            srst_prev_reg <= 1'b0;
            rd_out_reg <= 16'd0;
            flush_reg <= 1'b0;
            rdata_reg <= 32'd0;
            rd_valid_reg <= 1'b0;
        end else begin
            cause_reg <= cause_next;
            mask_reg <= mask_next;
            mod_cycles_reg <= mod_cycles_next;
            mod_count_reg <= mod_count_next;
            hold_reg <= hold_next;
            events_reg <= events_next;
            srst_prev_reg <= srst_prev_next;
            rd_out_reg <= rd_out_next;
            flush_reg <= flush_next;
            rdata_reg <= rdata_next;
            rd_valid_reg <= rd_valid_next;
        end
        // rings, FIFOs and engines: also reset by CTRL.RESET
        if (rst || soft_rst) begin
            for (int r = 0; r < 2; r++) begin
                base_reg[32'(r) * 64 +: 64] <= 64'd0;
                size_reg[32'(r) * 4 +: 4] <= 4'd0;
                head_reg[32'(r) * 32 +: 32] <= 32'd0;
                tail_reg[32'(r) * 32 +: 32] <= 32'd0;
                en_reg[r] <= 1'b0;
            end
            rdv_reg <= 1'b0;
            rd_tag_reg <= '0;
            rd_addr_reg <= 64'd0;
            rd_len_reg <= 16'd0;
            wr_valid_reg <= 1'b0;
            wr_addr_reg <= 64'd0;
            wr_data_reg <= '0;
            wr_be_reg <= '0;
            wr_last_reg <= 1'b0;
            pf_wr_reg <= '0;
            pf_cm_reg <= '0;
            pf_rd_reg <= '0;
            pf_len_reg <= 16'd0;
            pf_drop_reg <= 1'b0;
            pm_wr_reg <= '0;
            pm_rd_reg <= '0;
            p_state_reg <= P_IDLE;
            p_dc_reg <= '0;
            p_dcnt_reg <= '0;
            p_dci_reg <= '0;
            p_dcn_reg <= '0;
            p_reqn_reg <= '0;
            p_inval_reg <= 1'b0;
            dma_err_reg <= 1'b0;
            p_beat_reg <= 16'd0;
            p_wlen_reg <= 16'd0;
            p_meta_reg <= 32'd0;
            i_state_reg <= I_IDLE;
            i_dc_reg <= '0;
            i_dcnt_reg <= '0;
            i_dci_reg <= '0;
            i_dcn_reg <= '0;
            i_reqn_reg <= '0;
            i_inval_reg <= 1'b0;
            i_req_reg <= 16'd0;
            i_emit_reg <= 16'd0;
            i_rcv_reg <= '0;
            o_data_reg <= '0;
            o_keep_reg <= '0;
            o_valid_reg <= 1'b0;
            o_last_reg <= 1'b0;
            o_kind_reg <= 2'd0;
            o_target_reg <= 16'd0;
            o_len_reg <= 16'd0;
        end else begin
            for (int r = 0; r < 2; r++) begin
                base_reg[32'(r) * 64 +: 64] <= base_next[32'(r) * 64 +: 64];
                size_reg[32'(r) * 4 +: 4] <= size_next[32'(r) * 4 +: 4];
                head_reg[32'(r) * 32 +: 32] <= head_next[32'(r) * 32 +: 32];
                tail_reg[32'(r) * 32 +: 32] <= tail_next[32'(r) * 32 +: 32];
                en_reg[r] <= en_next[r];
            end
            rdv_reg <= rd_valid_next_q;
            rd_tag_reg <= rd_tag_next;
            rd_addr_reg <= rd_addr_next;
            rd_len_reg <= rd_len_next;
            wr_valid_reg <= wr_valid_next;
            wr_addr_reg <= wr_addr_next;
            wr_data_reg <= wr_data_next;
            wr_be_reg <= wr_be_next;
            wr_last_reg <= wr_last_next;
            pf_wr_reg <= pf_wr_next;
            pf_cm_reg <= pf_cm_next;
            pf_rd_reg <= pf_rd_next;
            pf_len_reg <= pf_len_next;
            pf_drop_reg <= pf_drop_next;
            pm_wr_reg <= pm_wr_next;
            pm_rd_reg <= pm_rd_next;
            p_state_reg <= p_state_next;
            p_dc_reg <= p_dc_next;
            p_dcnt_reg <= p_dcnt_next;
            p_dci_reg <= p_dci_next;
            p_dcn_reg <= p_dcn_next;
            p_reqn_reg <= p_reqn_next;
            p_inval_reg <= p_inval_next;
            dma_err_reg <= dma_err_next;
            p_beat_reg <= p_beat_next;
            p_wlen_reg <= p_wlen_next;
            p_meta_reg <= p_meta_next;
            i_state_reg <= i_state_next;
            i_dc_reg <= i_dc_next;
            i_dcnt_reg <= i_dcnt_next;
            i_dci_reg <= i_dci_next;
            i_dcn_reg <= i_dcn_next;
            i_reqn_reg <= i_reqn_next;
            i_inval_reg <= i_inval_next;
            i_req_reg <= i_req_next;
            i_emit_reg <= i_emit_next;
            i_rcv_reg <= i_rcv_next;
            o_data_reg <= o_data_next;
            o_keep_reg <= o_keep_next;
            o_valid_reg <= o_valid_next;
            o_last_reg <= o_last_next;
            o_kind_reg <= o_kind_next;
            o_target_reg <= o_target_next;
            o_len_reg <= o_len_next;
        end
    end

endmodule

`resetall
