import type { ApiResult } from '#shared/http/api-handler.ts';

/**
 * The page an unsubscribe link opens in a browser. It changes nothing itself (mail scanners follow
 * links); its button posts to the same address, as a mail client's one-click unsubscribe does.
 * English and Chinese, since the person may not be signed in to tell us their locale. The token
 * has been checked; it is placed in the form's action as given (base64url: nothing to escape).
 */
export const unsubscribePage = (token: string, category: string): ApiResult => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'referrer-policy': 'no-referrer',
  },
  body: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Unsubscribe</title></head>
<body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; line-height: 1.5">
<main>
<h1>Unsubscribe from these emails?</h1>
<p>You will no longer receive emails of the category <strong>${category}</strong>. Notices the law requires us to send still reach you.</p>
<p lang="zh-CN">您将不再收到此类别（<strong>${category}</strong>）的电子邮件。法律要求的通知仍会发送给您。</p>
<form method="post" action="?token=${token}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe · 退订</button>
</form>
</main>
</body>
</html>
`,
});
