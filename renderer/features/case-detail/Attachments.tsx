import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { MAX_ATTACHMENT_BYTES, type AttachmentMeta } from '../../../shared/ipc/channels/case-files';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { errorWording, type Wording } from '../../ui/wording';

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // In chunks: String.fromCharCode(...bytes) overflows the stack for files of a few MB.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(data: string, mimeType: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeType });
}

function Preview({ meta, url }: { meta: AttachmentMeta; url: string }) {
  if (meta.mimeType.startsWith('image/'))
    return <img src={url} alt={meta.fileName} className="preview-image" />;
  if (meta.mimeType === 'application/pdf')
    return <object data={url} type="application/pdf" className="preview-pdf" aria-label={meta.fileName} />;
  if (meta.mimeType.startsWith('audio/')) return <audio src={url} controls />;
  return (
    <a href={url} download={meta.fileName}>
      {meta.fileName}
    </a>
  );
}

export function Attachments({
  caseId,
  isReadOnly,
  onChanged,
}: {
  caseId: string;
  isReadOnly: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation('detail');
  const toast = useToast();
  const [items, setItems] = useState<AttachmentMeta[]>([]);
  const [failure, setFailure] = useState<Wording>('');
  const [preview, setPreview] = useState<{ meta: AttachmentMeta; url: string } | null>(null);
  const [isOver, setOver] = useState(false);
  const load = useCallback(() => {
    invoke('attachments:list', { caseId })
      .then((result) => setItems(result.attachments))
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, [caseId]);
  useEffect(load, [load]);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  async function upload(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        toast.show((tr) => tr('detail:attachments.tooLarge'), { isError: true });
        continue;
      }
      try {
        const dataBase64 = toBase64(await file.arrayBuffer());
        await invoke('attachments:add', {
          caseId,
          fileName: file.name,
          mimeType: file.type || 'application/octet-stream',
          dataBase64,
        });
        toast.show((tr) => tr('detail:attachments.uploaded', { name: file.name }));
      } catch (error) {
        toast.showError(error);
      }
    }
    load();
    onChanged();
  }
  async function open(meta: AttachmentMeta) {
    const full = await invoke('attachments:get', { id: meta.id });
    setPreview({ meta, url: URL.createObjectURL(fromBase64(full.dataBase64, meta.mimeType)) });
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!isReadOnly) void upload(event.dataTransfer.files);
  };
  return (
    <section className="panel attachments no-print" data-testid="attachments">
      <h2>{t('sections.attachments')}</h2>
      {failure ? <ErrorBox message={failure} /> : null}
      {!isReadOnly ? (
        <div
          className={`dropzone${isOver ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          {t('attachments.drop')}{' '}
          <label className="link">
            {t('attachments.choose')}
            <input
              type="file"
              multiple
              hidden
              onChange={(e) => void upload(e.target.files)}
              data-testid="attachment-input"
            />
          </label>
        </div>
      ) : null}
      {items.length === 0 ? <p className="muted">{t('attachments.empty')}</p> : null}
      <ul className="attachment-list">
        {items.map((meta) => (
          <li key={meta.id}>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void open(meta)}>
              {meta.fileName}
            </button>
            <span className="muted">
              {Math.ceil(meta.sizeBytes / 1024)} KB · {formatLocalDateTime(meta.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      {preview ? (
        <div className="preview">
          <Preview {...preview} />
        </div>
      ) : null}
    </section>
  );
}
