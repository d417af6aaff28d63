// hw/l2tp_card.sv with DATA_W=16, N_CH 4, SESS_AW 6, Verilated as
// Vl2tp_card_w16: the "rtl" cosim engine (l2tp_card_w16_rtl_ops).
#define CARD_COSIM_DATA_W 16
#include "Vl2tp_card_w16.h"

#define COSIM_BLOCK l2tp_card_w16
#define COSIM_VTOP Vl2tp_card_w16
#define COSIM_PORTS_DEF "l2tp_card_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
