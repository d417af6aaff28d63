// hw/net_rx_parser.sv with DATA_W=16, Verilated as Vnet_rx_parser_w16, as the
// "rtl" cosim engine (net_rx_parser_w16_rtl_ops).
#define NET_RX_COSIM_DATA_W 16
#include "Vnet_rx_parser_w16.h"

#define COSIM_BLOCK net_rx_parser_w16
#define COSIM_VTOP Vnet_rx_parser_w16
#define COSIM_PORTS_DEF "net_rx_parser_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
