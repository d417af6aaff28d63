// hw/access_rx_arbiter.sv with N_CH=4, DATA_W=16, Verilated as
// Vaccess_rx_arbiter_w16, as the "rtl" cosim engine.
#define ARBITER_COSIM_DATA_W 16
#include "Vaccess_rx_arbiter_w16.h"

#define COSIM_BLOCK access_rx_arbiter_w16
#define COSIM_VTOP Vaccess_rx_arbiter_w16
#define COSIM_PORTS_DEF "access_rx_arbiter_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
