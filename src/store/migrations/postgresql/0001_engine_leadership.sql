-- Engine leadership (issue 13; ../shared/spec/scale.md §2.3): one row per
-- lease. The holder with an unexpired row runs the engine; `epoch` grows by
-- one at every takeover and is the fencing token every engine write
-- transaction checks first (store/postgres/leader_lease.h). Expiry is judged
-- by the database's clock only, so the hosts' clocks may disagree.
CREATE TABLE leader_lease (
  name        text PRIMARY KEY,
  holder      text NOT NULL,
  epoch       bigint NOT NULL CHECK (epoch > 0),
  expires_at  timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL
);
