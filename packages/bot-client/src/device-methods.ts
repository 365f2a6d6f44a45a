import type { ChangePasswordRequest, ChangePasswordResponse, DevicesResponse } from "@venus/model";
import type { HttpApi } from "./http-api.js";
import type { OkBody } from "./wire-types.js";

/** The account's signed-in devices and its password: what a user's security settings show. */
export class DeviceMethods {
  constructor(private readonly http: HttpApi) {}

  /** `GET /account/devices`: every session, most recently seen first; `current` is this one. */
  list(): Promise<DevicesResponse> {
    return this.http.get("/account/devices");
  }

  /** `DELETE /account/devices/{id}`: that device is signed out at once (`device_signed_out`). */
  signOut(deviceId: string): Promise<OkBody> {
    return this.http.delete(`/account/devices/${encodeURIComponent(deviceId)}`);
  }

  /** `POST /account/password`; with `end_other_sessions` every other device is signed out. */
  changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResponse> {
    return this.http.post("/account/password", request);
  }
}
