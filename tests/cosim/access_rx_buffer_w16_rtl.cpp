// hw/access_rx_buffer.sv with DATA_W=16, Verilated as Vaccess_rx_buffer_w16,
// as the "rtl" cosim engine (access_rx_buffer_w16_rtl_ops).
#define ARB_COSIM_DATA_W 16
#include "Vaccess_rx_buffer_w16.h"

#define COSIM_BLOCK access_rx_buffer_w16
#define COSIM_VTOP Vaccess_rx_buffer_w16
#define COSIM_PORTS_DEF "access_rx_buffer_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
