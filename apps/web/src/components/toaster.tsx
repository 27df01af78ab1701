import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Alert, AlertActionCloseButton, AlertGroup, type AlertProps } from '@patternfly/react-core';

export interface Toast {
  variant: NonNullable<AlertProps['variant']>;
  title: string;
  description?: ReactNode;
}
interface ShownToast extends Toast {
  key: number;
}

const ToastContext = createContext<(toast: Toast) => void>(() => {});

/** Every write reports its outcome here; success toasts fade, failures stay until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const dismiss = useCallback((key: number) => setToasts((all) => all.filter((t) => t.key !== key)), []);
  const notify = useCallback(
    (toast: Toast) => setToasts((all) => [...all.slice(-4), { ...toast, key: Date.now() + Math.random() }]),
    [],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <AlertGroup isToast isLiveRegion data-testid="toasts">
        {toasts.map((t) => (
          <Alert
            key={t.key}
            variant={t.variant}
            title={t.title}
            timeout={t.variant === 'success' || t.variant === 'info' ? 8000 : false}
            onTimeout={() => dismiss(t.key)}
            actionClose={<AlertActionCloseButton title={t.title} onClose={() => dismiss(t.key)} />}
            data-testid={`toast-${t.variant}`}
          >
            {t.description}
          </Alert>
        ))}
      </AlertGroup>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
