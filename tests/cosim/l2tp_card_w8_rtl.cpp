// hw/l2tp_card.sv with DATA_W=8, N_CH 4, SESS_AW 6, Verilated as
// Vl2tp_card_w8: the "rtl" cosim engine (l2tp_card_w8_rtl_ops), also the
// driver's rtl backend's card (driver/rtl_backend.c).
#define CARD_COSIM_DATA_W 8
#include "Vl2tp_card_w8.h"

#define COSIM_BLOCK l2tp_card_w8
#define COSIM_VTOP Vl2tp_card_w8
#define COSIM_PORTS_DEF "l2tp_card_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
