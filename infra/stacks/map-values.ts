/** `{ a: x, b: y }` -> `{ a: f(x, 'a'), b: f(y, 'b') }`, keeping the key type of the definitions. */
export function mapValues<K extends string, V, R>(
  record: Record<K, V>,
  map: (value: V, key: K) => R,
): Record<K, R> {
  return Object.fromEntries(
    (Object.entries(record) as Array<[K, V]>).map(([key, value]) => [key, map(value, key)]),
  ) as Record<K, R>;
}
