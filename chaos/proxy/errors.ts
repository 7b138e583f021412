/**
 * The API's errors: a closed set, each with its HTTP status, worded as Toxiproxy words them
 * (api.go), with the detail after a colon. The body is JSON: {"error": "...", "status": 404}.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
  toJSON(): { error: string; status: number } {
    return { error: this.message, status: this.status };
  }
  /** The same error with a detail appended ("bad request body: latency must be an integer"). */
  with(detail: string): ApiError {
    return new ApiError(`${this.message}: ${detail}`, this.status);
  }
}

export const Errors = {
  badRequestBody: new ApiError('bad request body', 400),
  missingField: new ApiError('missing required field', 400),
  proxyNotFound: new ApiError('proxy not found', 404),
  proxyAlreadyExists: new ApiError('proxy already exists', 409),
  invalidStream: new ApiError('stream was invalid, can be either upstream or downstream', 400),
  invalidToxicType: new ApiError('invalid toxic type', 400),
  toxicAlreadyExists: new ApiError('toxic already exists', 409),
  toxicNotFound: new ApiError('toxic not found', 404),
  listenFailed: new ApiError('listen failed', 500),
  notFound: new ApiError('not found', 404),
  methodNotAllowed: new ApiError('method not allowed', 405),
  forbidden: new ApiError('User agent not allowed', 403),
} as const;
