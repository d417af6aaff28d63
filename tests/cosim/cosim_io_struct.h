/* Generates a block's port snapshot struct from its X-macro port list.
 * Deliberately without an include guard: include it once per block, after
 * defining
 *   COSIM_BLOCK      the block's name (hdlc_framer): the struct is <name>_io
 *   COSIM_PORTS_DEF  the port list file as a string ("hdlc_framer_ports.def")
 * The port list holds one line per port (clock excluded, the harness drives it):
 *   COSIM_PORT(name, width, IN|OUT)   1..64 bits, held in a uint64_t
 *   COSIM_WIDE(name, width, IN|OUT)   any width, held in uint32_t words, least
 *                                     significant first (Verilator's VlWide)
 * The same list generates the port table (cosim_port_table.h) and the
 * Verilator wrapper (cosim_rtl.inc), so the RTL, the model and the
 * comparison can never disagree on the ports. Valid C11 and C++. */
#include <stdint.h>

#include "cosim_macros.h"

struct COSIM_CAT(COSIM_BLOCK, _io) {
#define COSIM_PORT(name, width, dir) uint64_t name;
#define COSIM_WIDE(name, width, dir) uint32_t name[COSIM_WORDS(width)];
#include COSIM_PORTS_DEF
#undef COSIM_PORT
#undef COSIM_WIDE
};
