// hw/l2tp_card_core.sv with DATA_W=16, N_CH=4, SESS_AW=6, Verilated as
// Vcardsim_core_w16, as cardsim's "rtl" engine (cardsim_core_w16_rtl_ops).
#define CARDSIM_DATA_W 16
#include "Vcardsim_core_w16.h"

#define COSIM_BLOCK cardsim_core_w16
#define COSIM_VTOP Vcardsim_core_w16
#define COSIM_PORTS_DEF "cardsim_core_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
