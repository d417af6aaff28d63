// hw/stream_frame_arbiter.sv with N=3, DATA_W=8, USER_W=8, Verilated as
// Vstream_frame_arbiter_w8, as the "rtl" cosim engine.
#define SFA_COSIM_DATA_W 8
#include "Vstream_frame_arbiter_w8.h"

#define COSIM_BLOCK stream_frame_arbiter_w8
#define COSIM_VTOP Vstream_frame_arbiter_w8
#define COSIM_PORTS_DEF "stream_frame_arbiter_ports.def"
#include "cosim_io_struct.h"
#include "cosim_rtl.inc"
