// hw/l2tp_card_core.sv with DATA_W=16, N_CH=4, SESS_AW=6, Verilated with
// --trace-fst as Vcardsim_core_w16_trace: cardsim's "rtl" engine for
// --trace (cardsim_core_w16_trace_rtl_ops; FST to $COSIM_TRACE_FILE).
#define CARDSIM_DATA_W 16
#include "Vcardsim_core_w16_trace.h"

#define COSIM_BLOCK cardsim_core_w16_trace
#define COSIM_VTOP Vcardsim_core_w16_trace
#define COSIM_PORTS_DEF "cardsim_core_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
