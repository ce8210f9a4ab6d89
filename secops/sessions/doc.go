// Package sessions finds anomalous sessions of commands, as MSTICPy's
// anomalous_sequence does: events are cut into sessions per key (user, IP,
// host) by a maximum session length and a maximum gap, a Markov model of
// command sequences is trained on all sessions, and each session is scored
// by the likelihood of its rarest sliding window. A low likelihood is a
// session to look at.
//
// # Model
//
// Three model kinds, chosen by what the events carry:
//
//   - [CommandsOnly]: transitions between commands (Set-Mailbox after
//     Set-User), with start and end tokens so that how sessions open and
//     close counts too.
//   - [CommandsParams]: plus, per command, the probability that each
//     parameter it was seen with is present (independent Bernoulli
//     variables).
//   - [CommandsParamsValues]: plus the distribution of the values of the
//     parameters that look categorical (at most 20 distinct values seen at
//     least 20 times, and distinct values at most 10% of uses); free-form
//     values such as identities are not modelled.
//
// All counts get Laplace (add-one) smoothing, and an unknown token stands
// for every command, parameter and value unseen in training, so a new
// command gets a small but non-zero probability. The probability of a
// command's parameter set is the geometric mean over the parameters the
// model knows for it, which keeps commands with many parameters comparable
// to commands with few. These are MSTICPy's definitions, kept exactly so
// that scores agree with its notebooks.
//
// # KQL surface
//
// The engine exposes [Sessionize], [Train] and [Model.Score] as
//
//	T | evaluate session_anomalies(TimeColumn, CommandColumn [, ParamsColumn]
//	        [, key=UserColumn [, key=...]] [, max_session=20m] [, max_gap=2m]
//	        [, window=3] [, model='cmds_params_values'])
//
// ParamsColumn is a dynamic bag {name: value}, or an array of
// {Name, Value} objects as OfficeActivity's Parameters column holds. One
// row per session:
//
//	<key columns>             as in T
//	SessionStart, SessionEnd  datetime
//	Events                    long
//	Commands                  dynamic  the session's commands in order
//	RarestWindow              dynamic  the commands of the rarest window
//	RarestWindowIndex         long     its position in Commands
//	Likelihood                real     the rarest window's likelihood (null when the session is shorter than window-1)
//	GeoMeanLikelihood         real     Likelihood^(1/window), comparable across window lengths
package sessions
