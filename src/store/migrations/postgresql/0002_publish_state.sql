-- What the engine leader has published (issue 13; ../shared/spec/scale.md
-- §3): `generation` rises by one in every engine commit, in the same
-- transaction that runs NOTIFY tldmon_cycle, so a follower that reads
-- generation g can read everything of g. Followers also poll it, in case a
-- notification was lost while they were disconnected. `epoch` is the
-- leader's fencing token of the last publish.
CREATE TABLE publish_state (
  id           integer PRIMARY KEY CHECK (id = 1),
  generation   bigint NOT NULL,
  epoch        bigint NOT NULL,
  published_at timestamptz
);
INSERT INTO publish_state (id, generation, epoch) VALUES (1, 0, 0);
