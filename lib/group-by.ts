// Items grouped by a key into lists, in the order each key first came (Map.groupBy, which Node 20 lacks).

/** Groups `items` by `key`: a list per key, keys in the order they first came, items in their order. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const at = key(item);
    const group = groups.get(at);
    if (group) group.push(item);
    else groups.set(at, [item]);
  }
  return groups;
}
