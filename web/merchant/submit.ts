// A form's submit handler that runs an action instead of reloading the page.
export function submitWith(run: () => Promise<void>) {
  return (event: Event) => {
    event.preventDefault();
    void run();
  };
}
