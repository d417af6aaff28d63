// hw/l2tp_card_core.sv with DATA_W=16, N_CH 32, SESS_AW 10, Verilated as
// Vl2tp_card_core_w16_n32, as the "rtl" cosim engine (l2tp_card_core_w16_n32_rtl_ops).
#define CORE_COSIM_DATA_W 16
#define CORE_COSIM_N_CH 32
#include "Vl2tp_card_core_w16_n32.h"

#define COSIM_BLOCK l2tp_card_core_w16_n32
#define COSIM_VTOP Vl2tp_card_core_w16_n32
#define COSIM_PORTS_DEF "l2tp_card_core_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
