/* Generates `static const struct cosim_block <COSIM_BLOCK>_block`: the port
 * table (name, width, direction, place in <COSIM_BLOCK>_io) that the lockstep
 * comparison and the mismatch printer walk. Include after defining
 * COSIM_BLOCK and COSIM_PORTS_DEF, and after the block's io struct exists.
 * No include guard, on purpose (one inclusion per block). */
#include <stddef.h>

#include "cosim.h"
#include "cosim_macros.h"

static const struct cosim_port COSIM_CAT(COSIM_BLOCK, _port_table)[] = {
#define COSIM_PORT(name, width, dir)                                                              \
    {#name, (width), COSIM_##dir, offsetof(struct COSIM_CAT(COSIM_BLOCK, _io), name), false},
#define COSIM_WIDE(name, width, dir)                                                              \
    {#name, (width), COSIM_##dir, offsetof(struct COSIM_CAT(COSIM_BLOCK, _io), name), true},
#include COSIM_PORTS_DEF
#undef COSIM_PORT
#undef COSIM_WIDE
};

static const struct cosim_block COSIM_CAT(COSIM_BLOCK, _block) = {
    .name = COSIM_STR(COSIM_BLOCK),
    .ports = COSIM_CAT(COSIM_BLOCK, _port_table),
    .n_ports = sizeof COSIM_CAT(COSIM_BLOCK, _port_table) /
               sizeof COSIM_CAT(COSIM_BLOCK, _port_table)[0],
    .io_size = sizeof(struct COSIM_CAT(COSIM_BLOCK, _io)),
};
