// hw/net_rx_dispatch.sv with DATA_W=16, N_CH=4, Verilated as
// Vnet_rx_dispatch_w16, as the "rtl" cosim engine (net_rx_dispatch_w16_rtl_ops).
#define NRD_COSIM_DATA_W 16
#define NRD_COSIM_N_CH 4
#include "Vnet_rx_dispatch_w16.h"

#define COSIM_BLOCK net_rx_dispatch_w16
#define COSIM_VTOP Vnet_rx_dispatch_w16
#define COSIM_PORTS_DEF "net_rx_dispatch_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
