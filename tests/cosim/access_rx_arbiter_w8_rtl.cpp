// hw/access_rx_arbiter.sv with N_CH=4, DATA_W=8, Verilated as
// Vaccess_rx_arbiter_w8, as the "rtl" cosim engine.
#define ARBITER_COSIM_DATA_W 8
#include "Vaccess_rx_arbiter_w8.h"

#define COSIM_BLOCK access_rx_arbiter_w8
#define COSIM_VTOP Vaccess_rx_arbiter_w8
#define COSIM_PORTS_DEF "access_rx_arbiter_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
