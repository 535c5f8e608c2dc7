// serial runs asynchronous tasks one after another, in the order they were
// queued, whatever happens to each: the intake draft uses it so that a slow
// save can never land after the "discard" that follows a registration.

/** serial returns a function that queues a task and resolves or rejects with its result. */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve()
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const p = tail.then(task, task)
    tail = p.catch(() => undefined)
    return p
  }
}
