/**
 * A compile-time error carried in a type. When a call resolves to it, the compiler shows the message:
 * `... is not assignable to ... MeshTypeError<"backend \"bleu\" is not a virtual service or node of this mesh">`.
 */
export interface MeshTypeError<Message extends string> {
  readonly __meshTypeError__: Message;
}
