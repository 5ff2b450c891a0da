import { IMPORT_FIELDS, type ImportField, type ImportMappingInput } from '../../../shared/domain/import';
import { setColumnField, type MappingRow } from './import-mapping';
import { useImportText } from './use-import-text';

/** One row per source column: a sample, the field it feeds (a select), its value map (read-only). */
export function MappingTable({
  rows,
  mapping,
  onChange,
}: {
  rows: MappingRow[];
  mapping: ImportMappingInput;
  onChange(next: ImportMappingInput): void;
}) {
  const { m, data, say } = useImportText();
  return (
    <table className="table import-mapping" data-testid="import-mapping">
      <thead>
        <tr>
          <th>{m.preview.column}</th>
          <th>{m.preview.sample}</th>
          <th>{m.preview.field}</th>
          <th>{m.preview.values}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.index} data-column={row.column} className={row.field === null ? 'unmapped' : ''}>
            <td className="import-column-name">{row.column}</td>
            <td className="import-sample-cell" title={row.sample}>
              {row.sample}
            </td>
            <td>
              <select
                aria-label={`${m.preview.field}: ${row.column}`}
                value={row.field ?? ''}
                onChange={(e) =>
                  onChange(
                    setColumnField(
                      mapping,
                      row.column,
                      e.target.value === '' ? null : (e.target.value as ImportField),
                    ),
                  )
                }
              >
                <option value="">{m.preview.notImported}</option>
                {IMPORT_FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {data.field[field]}
                  </option>
                ))}
              </select>
              {row.extraFields.length > 0 ? (
                <div className="muted import-also">
                  {say(m.preview.alsoFeeds, { fields: row.extraFields.map((f) => data.field[f]).join('、') })}
                </div>
              ) : null}
            </td>
            <td>
              <ValueMap row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ValueMap({ row }: { row: MappingRow }) {
  const { m, data, sayCount } = useImportText();
  if (row.field === null) return null;
  if (row.valueMaps.length === 0) return <span className="muted">{m.preview.noValues}</span>;
  const isNamed = row.valueMaps.length > 1 || row.extraFields.length > 0;
  return (
    <>
      {row.valueMaps.map((map) => {
        const entries = Object.entries(map.values);
        const field = data.field[map.field];
        return (
          <details key={map.field} className="import-values">
            <summary>
              {sayCount(m.preview, isNamed ? 'namedValues' : 'valueCount', entries.length, { field })}
            </summary>
            <dl>
              {entries.map(([from, to]) => (
                <div key={from}>
                  <dt>{from}</dt>
                  <dd>{to}</dd>
                </div>
              ))}
              {map.otherwise !== undefined ? (
                <div>
                  <dt className="muted">{m.preview.otherwise}</dt>
                  <dd>{map.otherwise}</dd>
                </div>
              ) : null}
              {map.ifEmpty !== undefined ? (
                <div>
                  <dt className="muted">{m.preview.ifEmpty}</dt>
                  <dd>{map.ifEmpty}</dd>
                </div>
              ) : null}
            </dl>
          </details>
        );
      })}
    </>
  );
}
