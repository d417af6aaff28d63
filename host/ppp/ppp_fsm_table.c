/* RFC 1661 §4.1 State Transition Table, transcribed cell by cell. Rows are
 * events, columns states 0-9 (Initial .. Opened). A "-" cell of the RFC is
 * {false}. The footnotes: [p] (TO- in Req-Sent/Ack-Rcvd/Ack-Sent) goes to
 * Stopped as written, the passive option only affects the Up event (see
 * ppp_fsm.c); [r] (Open in Stopped, Closing, Stopping, Opened) is the plain
 * transition, the optional restart is not taken; [x] marks crossed
 * connections and needs nothing. */
#include "ppp_fsm.h"

#define X {false, 0, 0}
#define C(acts, st) {true, (acts), (st)}

enum {
    tlu = PPP_ACT_TLU, tld = PPP_ACT_TLD, tls = PPP_ACT_TLS, tlf = PPP_ACT_TLF,
    irc = PPP_ACT_IRC, zrc = PPP_ACT_ZRC, scr = PPP_ACT_SCR, sca = PPP_ACT_SCA,
    scn = PPP_ACT_SCN, str = PPP_ACT_STR, sta = PPP_ACT_STA, scj = PPP_ACT_SCJ,
    ser = PPP_ACT_SER,
};

static const struct ppp_fsm_cell table[PPP_FSM_EVENT_COUNT][PPP_FSM_STATE_COUNT] = {
    /*            0 Initial     1 Starting        2 Closed          3 Stopped
     *            4 Closing     5 Stopping        6 Req-Sent        7 Ack-Rcvd
     *            8 Ack-Sent    9 Opened */
    [PPP_EV_UP] = {C(0, 2), C(irc | scr, 6), X, X, X, X, X, X, X, X},
    [PPP_EV_DOWN] = {X, X, C(0, 0), C(tls, 1), C(0, 0), C(0, 1), C(0, 1), C(0, 1), C(0, 1),
                     C(tld, 1)},
    [PPP_EV_OPEN] = {C(tls, 1), C(0, 1), C(irc | scr, 6), C(0, 3), C(0, 5), C(0, 5), C(0, 6),
                     C(0, 7), C(0, 8), C(0, 9)},
    [PPP_EV_CLOSE] = {C(0, 0), C(tlf, 0), C(0, 2), C(0, 2), C(0, 4), C(0, 4), C(irc | str, 4),
                      C(irc | str, 4), C(irc | str, 4), C(tld | irc | str, 4)},
    [PPP_EV_TO_PLUS] = {X, X, X, X, C(str, 4), C(str, 5), C(scr, 6), C(scr, 6), C(scr, 8), X},
    [PPP_EV_TO_MINUS] = {X, X, X, X, C(tlf, 2), C(tlf, 3), C(tlf, 3), C(tlf, 3), C(tlf, 3), X},
    [PPP_EV_RCR_PLUS] = {X, X, C(sta, 2), C(irc | scr | sca, 8), C(0, 4), C(0, 5), C(sca, 8),
                         C(sca | tlu, 9), C(sca, 8), C(tld | scr | sca, 8)},
    [PPP_EV_RCR_MINUS] = {X, X, C(sta, 2), C(irc | scr | scn, 6), C(0, 4), C(0, 5), C(scn, 6),
                          C(scn, 7), C(scn, 6), C(tld | scr | scn, 6)},
    [PPP_EV_RCA] = {X, X, C(sta, 2), C(sta, 3), C(0, 4), C(0, 5), C(irc, 7), C(scr, 6),
                    C(irc | tlu, 9), C(tld | scr, 6)},
    [PPP_EV_RCN] = {X, X, C(sta, 2), C(sta, 3), C(0, 4), C(0, 5), C(irc | scr, 6), C(scr, 6),
                    C(irc | scr, 8), C(tld | scr, 6)},
    [PPP_EV_RTR] = {X, X, C(sta, 2), C(sta, 3), C(sta, 4), C(sta, 5), C(sta, 6), C(sta, 6),
                    C(sta, 6), C(tld | zrc | sta, 5)},
    [PPP_EV_RTA] = {X, X, C(0, 2), C(0, 3), C(tlf, 2), C(tlf, 3), C(0, 6), C(0, 6), C(0, 8),
                    C(tld | scr, 6)},
    [PPP_EV_RUC] = {X, X, C(scj, 2), C(scj, 3), C(scj, 4), C(scj, 5), C(scj, 6), C(scj, 7),
                    C(scj, 8), C(scj, 9)},
    [PPP_EV_RXJ_PLUS] = {X, X, C(0, 2), C(0, 3), C(0, 4), C(0, 5), C(0, 6), C(0, 6), C(0, 8),
                         C(0, 9)},
    [PPP_EV_RXJ_MINUS] = {X, X, C(tlf, 2), C(tlf, 3), C(tlf, 2), C(tlf, 3), C(tlf, 3),
                          C(tlf, 3), C(tlf, 3), C(tld | irc | str, 5)},
    [PPP_EV_RXR] = {X, X, C(0, 2), C(0, 3), C(0, 4), C(0, 5), C(0, 6), C(0, 7), C(0, 8),
                    C(ser, 9)},
};

const struct ppp_fsm_cell *ppp_fsm_cell(enum ppp_fsm_state state, enum ppp_fsm_event event)
{
    static const struct ppp_fsm_cell illegal = X;
    if ((unsigned)state >= PPP_FSM_STATE_COUNT || (unsigned)event >= PPP_FSM_EVENT_COUNT)
        return &illegal;
    return &table[event][state];
}

const char *ppp_fsm_state_name(enum ppp_fsm_state s)
{
    static const char *const names[PPP_FSM_STATE_COUNT] = {
        "Initial", "Starting", "Closed", "Stopped", "Closing",
        "Stopping", "Req-Sent", "Ack-Rcvd", "Ack-Sent", "Opened",
    };
    return (unsigned)s < PPP_FSM_STATE_COUNT ? names[s] : "?";
}

/* Cisco IOS's names, as the seed prints them in brackets and in "State is". */
const char *ppp_fsm_state_cisco(enum ppp_fsm_state s, bool passive)
{
    static const char *const names[PPP_FSM_STATE_COUNT] = {
        "Initial", "Starting", "Closed", "Stopped", "Closing",
        "Stopping", "REQsent", "ACKrcvd", "ACKsent", "Open",
    };
    if (s == PPP_FSM_STOPPED && passive)
        return "Listen";
    return (unsigned)s < PPP_FSM_STATE_COUNT ? names[s] : "?";
}

const char *ppp_fsm_event_name(enum ppp_fsm_event e)
{
    static const char *const names[PPP_FSM_EVENT_COUNT] = {
        "Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+", "RCR-",
        "RCA", "RCN", "RTR", "RTA", "RUC", "RXJ+", "RXJ-", "RXR",
    };
    return (unsigned)e < PPP_FSM_EVENT_COUNT ? names[e] : "?";
}

const char *ppp_fsm_action_name(enum ppp_fsm_action a)
{
    switch (a) {
    case PPP_ACT_TLU: return "tlu";
    case PPP_ACT_TLD: return "tld";
    case PPP_ACT_TLS: return "tls";
    case PPP_ACT_TLF: return "tlf";
    case PPP_ACT_IRC: return "irc";
    case PPP_ACT_ZRC: return "zrc";
    case PPP_ACT_SCR: return "scr";
    case PPP_ACT_SCA: return "sca";
    case PPP_ACT_SCN: return "scn";
    case PPP_ACT_STR: return "str";
    case PPP_ACT_STA: return "sta";
    case PPP_ACT_SCJ: return "scj";
    case PPP_ACT_SER: return "ser";
    }
    return "?";
}
