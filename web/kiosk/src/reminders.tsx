import { useEffect, useState } from 'preact/hooks';
import type { Ui } from './app.js';
import type { MessageKey } from './messages.js';

// Reminders not to leave the card, certificates, receipt or change behind: on screen, and
// by voice at once and again every few seconds while the thing is still there.

const TEXT: Record<string, MessageKey> = {
  card_left: 'remindCardLeft',
  card_not_removed: 'remindCardNotRemoved',
  items_left: 'remindItemsLeft',
};

export const Reminders = ({ ui }: { ui: Ui }) => {
  const texts = ui.state.reminders.map((r) => ui.t(TEXT[r] ?? 'remindItemsLeft'));
  const key = texts.join('\n');
  const [spoken, setSpoken] = useState('');
  const { say, config } = ui;
  useEffect(() => {
    if (!key) return;
    const speakAll = () => {
      say(key);
      setSpoken(key);
    };
    speakAll();
    const timer = setInterval(speakAll, config.reminderMs);
    return () => clearInterval(timer);
  }, [key, say, config.reminderMs]);
  return (
    <>
      {texts.length > 0 ? (
        <div class="reminders" role="alert">
          {texts.map((t) => (
            <p key={t}>{t}</p>
          ))}
        </div>
      ) : null}
      <div id="spoken" class="sr-only" aria-live="assertive">
        {spoken}
      </div>
    </>
  );
};
