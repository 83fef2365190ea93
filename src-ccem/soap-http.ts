/**
 * The one HTTP exchange both cluster clients use: a POST with a deadline,
 * turning transport failures into `ClusterUnreachableError`.
 */
import { ClusterUnreachableError } from './cluster-errors';

export interface PostResult {
  readonly status: number;
  readonly body: string;
}

export async function postText(cluster: string, url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new ClusterUnreachableError(cluster, cause ?? (error as Error).message, cause === 'ECONNREFUSED');
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ClusterUnreachableError(cluster, (error as Error).message);
  }
  return { status: response.status, body: text };
}
