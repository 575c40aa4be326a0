/**
 * Which of `shards` partitions an id goes to: a stable string hash, so that one id always lands in
 * the same shard and many ids spread evenly. Sharding spreads a hot partition (a due-time index,
 * the outbox) over a few keys that a job queries one by one.
 */
export const shardIndexOf = (id: string, shards: number): number => {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % shards;
};
