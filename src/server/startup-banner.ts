/** What `npm start` prints once the server listens: where citizens chat and where staff work. */
export function startupBanner(url: string): string {
  return [
    `Trợ lý đang chạy: ${url}/ (web chat)`,
    `  Không gian làm việc của cán bộ: ${url}/admin`,
    `  Kiểm tra: ${url}/healthz`,
    '',
  ].join('\n');
}
