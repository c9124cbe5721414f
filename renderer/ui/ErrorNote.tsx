import { CircleAlert } from 'lucide-react';
import type { BadgeErrorShape } from '../../shared/errors.js';
import { errorText } from './messages.js';
import { useTranslation } from 'react-i18next';

/** An error shown next to what caused it, in the user's language, from its ERR_ code. */
export function ErrorNote({
  error,
  id,
}: {
  error: BadgeErrorShape | null | undefined;
  id?: string;
}) {
  useTranslation();
  if (!error) return null;
  return (
    <div className="error-note" role="alert" id={id}>
      <CircleAlert aria-hidden size={18} />
      <p>
        {errorText(error)} <code className="error-code">{error.code}</code>
      </p>
    </div>
  );
}
