/** Three animated dots in a bubble, announced once as `label` (e.g. 正在输入…). */
export function TypingIndicator({ label }: { label: string }) {
  return (
    <div class="b" role="status" aria-label={label}>
      <span class="dot" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
    </div>
  );
}
