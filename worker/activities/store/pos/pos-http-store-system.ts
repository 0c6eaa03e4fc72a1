import type { z } from 'zod';
import { StoreError, type StoreSystem } from '../store-system.ts';
import type { GradingRequest, Rma, RmaRequest, TransferRequest } from '../store-types.ts';
import {
  PosErrorBody,
  PosGradingResponse,
  PosRmaResponse,
  PosStockResponse,
  PosStoresResponse,
  PosTransferResponse,
  POS_PATHS as paths,
} from './pos-contract.ts';

export interface PosHttpOptions {
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
}

/** Temporal retries this one: the POS or the network is down, not the request wrong. */
export class PosUnavailableError extends Error {
  override name = 'PosUnavailableError';
}

/** A chain's own POS behind the REST contract in pos-contract.ts. */
export class PosHttpStoreSystem implements StoreSystem {
  constructor(private readonly options: PosHttpOptions) {}

  async listStores() {
    return (await this.call('GET', paths.stores(), PosStoresResponse)).stores;
  }

  createRma({ rmaId, ...body }: RmaRequest) {
    return this.call('PUT', paths.rma(rmaId), PosRmaResponse, body);
  }

  async getRma(rmaId: string): Promise<Rma | undefined> {
    try {
      return await this.call('GET', paths.rma(rmaId), PosRmaResponse);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'not-found') return undefined;
      throw error;
    }
  }

  assignRoute(rmaId: string, route: { storeId: string; distanceKm: number }) {
    return this.call('PUT', paths.rmaRoute(rmaId), PosRmaResponse, route);
  }

  receiveRma(rmaId: string, receipt: { storeId: string; receivedBy: string }) {
    return this.call('PUT', paths.rmaReceipt(rmaId), PosRmaResponse, receipt);
  }

  gradeItem({ gradingId, ...body }: GradingRequest) {
    return this.call('PUT', paths.grading(gradingId), PosGradingResponse, body);
  }

  shipTransfer({ transferId, ...body }: TransferRequest) {
    return this.call('PUT', paths.transfer(transferId), PosTransferResponse, body);
  }

  receiveTransfer(transferId: string, receivedBy: string) {
    return this.call('PUT', paths.transferReceipt(transferId), PosTransferResponse, { receivedBy });
  }

  getStock(storeId: string, sku: string) {
    return this.call('GET', paths.stock(storeId, sku), PosStockResponse);
  }

  private async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown) {
    const response = await this.send(method, path, body);
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return schema.parse(payload);
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      throw new PosUnavailableError(`POS ${method} ${path} answered ${response.status}`);
    }
    const refusal = PosErrorBody.safeParse(payload);
    const code = refusal.success
      ? refusal.data.error.code
      : response.status === 404
        ? 'not-found'
        : 'invalid';
    const message = refusal.success ? refusal.data.error.message : `HTTP ${response.status}`;
    throw new StoreError(code, `POS refused ${method} ${path}: ${message}`);
  }

  private async send(method: string, path: string, body: unknown): Promise<Response> {
    const { baseUrl, token, timeoutMs = 10_000 } = this.options;
    try {
      return await fetch(new URL(path.slice(1), withTrailingSlash(baseUrl)), {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new PosUnavailableError(`POS ${method} ${path} failed: ${String(cause)}`, { cause });
    }
  }
}

// So a base URL with a path prefix (https://pos.example/api/v2) keeps its prefix.
const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
