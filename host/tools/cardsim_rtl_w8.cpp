// hw/l2tp_card_core.sv with DATA_W=8, N_CH=4, SESS_AW=6, Verilated as
// Vcardsim_core_w8, as cardsim's "rtl" engine (cardsim_core_w8_rtl_ops).
#define CARDSIM_DATA_W 8
#include "Vcardsim_core_w8.h"

#define COSIM_BLOCK cardsim_core_w8
#define COSIM_VTOP Vcardsim_core_w8
#define COSIM_PORTS_DEF "cardsim_core_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
