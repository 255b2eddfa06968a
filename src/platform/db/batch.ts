// Lookups that many requests make at once, sent to the database as one statement.
import DataLoader from 'dataloader'

/**
 * Makes `load` (one statement for many keys, answering in the keys' order) callable one key at a
 * time, batching like a group commit: while a batch is with the database, the calls that arrive
 * wait together and go as the next batch when it returns (a lone call goes after the current
 * turn's I/O has been read). A crowd of requests thus costs a few statements however fast they
 * come, where one statement each would queue them behind each other on the database (PGlite runs
 * one statement at a time). Nothing is kept between batches: each reads the database as it is
 * then, so app processes side by side see each other's changes at once.
 */
export function batched<Owner extends object, Key, Value>(
  load: (owner: Owner, keys: readonly Key[]) => Promise<Value[]>,
  options: { maxBatchSize?: number } = {},
) {
  const loaders = new WeakMap<Owner, DataLoader<Key, Value>>()
  const loaderFor = (owner: Owner) => {
    let inFlight: Promise<unknown> | null = null
    return new DataLoader<Key, Value>(
      (keys) => {
        const answer = load(owner, keys)
        const done: Promise<unknown> = answer.then(
          () => {
            if (inFlight === done) inFlight = null
          },
          () => {
            if (inFlight === done) inFlight = null
          },
        )
        inFlight = done
        return answer
      },
      {
        cache: false,
        batchScheduleFn: (send) => {
          if (inFlight) inFlight.then(() => setImmediate(send))
          else setImmediate(send)
        },
        maxBatchSize: options.maxBatchSize ?? 500,
      },
    )
  }
  return (owner: Owner, key: Key): Promise<Value> => {
    let loader = loaders.get(owner)
    if (!loader) {
      loader = loaderFor(owner)
      loaders.set(owner, loader)
    }
    return loader.load(key)
  }
}
