// A form's submit handler that runs an action instead of reloading the page.
export function submitWith(run: () => Promise<unknown>) {
  return (event: Event) => {
    event.preventDefault();
    void run();
  };
}
