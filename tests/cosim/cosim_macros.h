/* Token helpers shared by the X-macro templates of the co-simulation. */
#ifndef COSIM_MACROS_H
#define COSIM_MACROS_H

#define COSIM_CAT_(a, b) a##b
#define COSIM_CAT(a, b) COSIM_CAT_(a, b)
#define COSIM_STR_(a) #a
#define COSIM_STR(a) COSIM_STR_(a)
/* 32-bit words holding a width-bit port (Verilator's VL_WORDS_I). */
#define COSIM_WORDS(width) (((width) + 31) / 32)

#endif
