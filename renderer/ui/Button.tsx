import type { ButtonHTMLAttributes } from 'react';

type Variant = 'default' | 'primary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  isSmall?: boolean;
}

export function Button({ variant = 'default', isSmall = false, className, type, ...rest }: ButtonProps) {
  const classes = [
    'btn',
    variant === 'default' ? '' : `btn-${variant}`,
    isSmall ? 'btn-small' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  // type="button" by default: a stray Enter in a form must not submit it by accident.
  return <button type={type ?? 'button'} className={classes} {...rest} />;
}
