/* The run-time sizes of the models of hw/session_table.sv and
 * hw/session_lookup.sv: both modules' SESS_AW and N_CH parameters, with the
 * same defaults and the same elaboration checks in both (SESS_AW 1..16; N_CH
 * here only up to the models' storage, SESSION_N_CH_MAX). What both models'
 * init accepts, and what a zeroed state (a block test's engine) stands for. */
#ifndef MODEL_SESSION_PARAMS_H
#define MODEL_SESSION_PARAMS_H

#include <stdbool.h>

#include "session_entry.h"

/* SESS_AW 1 .. SESSION_SESS_AW_MAX and N_CH 1 .. SESSION_N_CH_MAX. */
static inline bool session_params_ok(unsigned sess_aw, unsigned n_ch)
{
    return sess_aw >= 1 && sess_aw <= SESSION_SESS_AW_MAX && n_ch >= 1 && n_ch <= SESSION_N_CH_MAX;
}

/* A size of 0 (a zeroed state) is the RTL module's default parameter. */
static inline void session_params_default(unsigned *sess_aw, unsigned *n_ch)
{
    if (*sess_aw == 0)
        *sess_aw = SESSION_SESS_AW;
    if (*n_ch == 0)
        *n_ch = SESSION_N_CH;
}

#endif
