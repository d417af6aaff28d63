// hw/access_rx_buffer.sv with DATA_W=8, Verilated as Vaccess_rx_buffer_w8,
// as the "rtl" cosim engine (access_rx_buffer_w8_rtl_ops).
#define ARB_COSIM_DATA_W 8
#include "Vaccess_rx_buffer_w8.h"

#define COSIM_BLOCK access_rx_buffer_w8
#define COSIM_VTOP Vaccess_rx_buffer_w8
#define COSIM_PORTS_DEF "access_rx_buffer_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
