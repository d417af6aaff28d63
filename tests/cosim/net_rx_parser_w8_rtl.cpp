// hw/net_rx_parser.sv with DATA_W=8, Verilated as Vnet_rx_parser_w8, as the
// "rtl" cosim engine (net_rx_parser_w8_rtl_ops).
#define NET_RX_COSIM_DATA_W 8
#include "Vnet_rx_parser_w8.h"

#define COSIM_BLOCK net_rx_parser_w8
#define COSIM_VTOP Vnet_rx_parser_w8
#define COSIM_PORTS_DEF "net_rx_parser_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
